import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changesetPublish, changesetVersion } from "./changeset-cli.js";
import { installAlone } from "./install-alone.js";
import { installSpecs } from "./install-specs.js";
import { viewPublishedVersion } from "./npm-view.js";
import { writeScopedNpmrc } from "./npmrc.js";
import { type PendingChange, readPendingChangesets } from "./pending-changesets.js";
import { extractQuickStart, importedPackages } from "./quick-start.js";
import { quickStartChecks, resolveQuickStartCheck } from "./quick-start-checks.js";
import { runQuickStartScript } from "./quick-start-script.js";
import { type QuickStartServer, startQuickStart } from "./quick-start-server.js";
import { type LocalRegistry, startVerdaccio } from "./verdaccio.js";
import { copyWorkspace } from "./workspace-copy.js";
import { listPublishablePackages, readPackageJson } from "./workspace-packages.js";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const testPackageRoot = fileURLToPath(new URL("../", import.meta.url));
// Read at collection time so each publishable package gets a test of its own.
const publishableNames = listPublishablePackages(repositoryRoot).map(({ manifest }) => manifest.name);

describe("release path: changeset version, changeset publish to Verdaccio, install alone, README quick start", () => {
  let temporary = "";
  let workspace = "";
  let registry: LocalRegistry | undefined;
  let pending = new Map<string, PendingChange[]>();
  const versionsBefore = new Map<string, string>();
  const published = new Map<string, string>();
  const servers: QuickStartServer[] = [];

  beforeAll(async () => {
    temporary = await mkdtemp(join(tmpdir(), "periscope-release-"));
    workspace = join(temporary, "workspace");
    await copyWorkspace(repositoryRoot, workspace);
    for (const { manifest } of listPublishablePackages(workspace)) versionsBefore.set(manifest.name, manifest.version);
    pending = await readPendingChangesets(workspace);
    registry = await startVerdaccio(join(temporary, "registry"));
  });

  afterAll(async () => {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await registry?.stop();
    if (temporary) await rm(temporary, { recursive: true, force: true });
  });

  it("depends on every publishable package, so turbo builds them before this test", () => {
    const { devDependencies = {} } = readPackageJson(testPackageRoot);
    const missing = publishableNames.filter((name) => !devDependencies[name]?.startsWith("workspace:"));
    expect(missing, 'add each to test/package.json devDependencies as "workspace:*"').toEqual([]);
  });

  it("changeset version bumps every package with a pending changeset and writes its CHANGELOG", async () => {
    await changesetVersion(repositoryRoot, workspace);

    for (const [name, changes] of pending) {
      const workspacePackage = listPublishablePackages(workspace).find(({ manifest }) => manifest.name === name);
      expect(workspacePackage, `a changeset names ${name}, which is no publishable package`).toBeDefined();
      if (!workspacePackage) continue;
      const { directory, manifest } = workspacePackage;
      expect(manifest.version, `${name} kept its version`).not.toBe(versionsBefore.get(name));
      const changelog = await readFile(join(directory, "CHANGELOG.md"), "utf8");
      expect(changelog).toContain(`## ${manifest.version}`);
      // A `none` changeset records a change that releases nothing (a test helper, say): no CHANGELOG line.
      for (const change of changes.filter(({ bump }) => bump !== "none")) {
        for (const line of change.summary.split("\n").filter((text) => text.trim() !== "")) {
          expect(changelog, `${name}'s CHANGELOG lacks .changeset/${change.file}`).toContain(line.trim());
        }
      }
    }
    const left = (await readdir(join(workspace, ".changeset"))).filter((file) => file.endsWith(".md"));
    expect(left, "changeset version consumes the changesets").toEqual(["README.md"]);
  });

  it("changeset publish puts every publishable package on the registry", async () => {
    if (!registry) throw new Error("Verdaccio did not start");
    await writeScopedNpmrc(workspace, registry);
    const { stdout, stderr } = await changesetPublish(repositoryRoot, workspace, registry);

    for (const { manifest } of listPublishablePackages(workspace)) {
      const version = await viewPublishedVersion(registry, manifest.name, manifest.version, temporary);
      expect(version, `${manifest.name}@${manifest.version} is not on the registry.\n${stdout}\n${stderr}`).toBe(
        manifest.version,
      );
      published.set(manifest.name, manifest.version);
    }
  });

  for (const name of publishableNames) {
    it(`${name} installs alone from the registry and its README quick start runs`, async () => {
      const row = quickStartChecks[name];
      if (!row) {
        throw new Error(`no quick start check for ${name}: add a row for it in test/release/quick-start-checks.ts`);
      }
      const version = published.get(name);
      if (!registry || !version) throw new Error(`${name} was not published: see the publish test`);
      const workspacePackage = listPublishablePackages(workspace).find(({ manifest }) => manifest.name === name);
      if (!workspacePackage) throw new Error(`${name} is missing from the copy`);

      // The quick start as written in the workspace decides what to install next to the package;
      // the one that runs is the README shipped in the tarball.
      const readme = await readFile(join(workspacePackage.directory, "README.md"), "utf8");
      const specs = installSpecs(
        workspacePackage.manifest,
        importedPackages(extractQuickStart(readme, name)),
        readPackageJson(workspace),
        published,
      );
      const project = join(temporary, `install-${name.replace(/[@/]/g, "-")}`);
      const installed = await installAlone(project, registry, name, version, specs);

      expect(installed.isSymbolicLink, `node_modules/${name} is a symlink`).toBe(false);
      expect(relative(repositoryRoot, installed.directory).startsWith(".."), installed.directory).toBe(true);
      expect(installed.manifest.version).toBe(version);
      const ranges = { ...installed.manifest.dependencies, ...installed.manifest.peerDependencies };
      const workspaceRanges = Object.entries(ranges).filter(([, range]) => range.startsWith("workspace:"));
      expect(workspaceRanges, "published with workspace: ranges").toEqual([]);

      const shippedReadme = join(installed.directory, "README.md");
      expect(existsSync(shippedReadme), `README.md is not in ${name}'s tarball: add it to "files"`).toBe(true);
      const code = extractQuickStart(await readFile(shippedReadme, "utf8"), name);
      const quickStart = resolveQuickStartCheck(row);
      if (quickStart.kind === "script") {
        const { stdout, stderr } = await runQuickStartScript(project, code);
        try {
          await quickStart.check(stdout);
        } catch (error) {
          if (error instanceof Error)
            error.message += `\n--- quick start stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
          throw error;
        }
        return;
      }
      const server = await startQuickStart(project, code);
      servers.push(server);
      try {
        await quickStart.check(server.url);
      } catch (error) {
        if (error instanceof Error) error.message += `\n--- quick start output ---\n${server.output()}`;
        throw error;
      } finally {
        await server.stop();
      }
    });
  }
});
