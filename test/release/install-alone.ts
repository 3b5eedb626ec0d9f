import { lstat, mkdir, readFile, realpath } from "node:fs/promises";
import { join } from "node:path";
import { writeScopedNpmrc } from "./npmrc.js";
import { run } from "./run.js";
import type { LocalRegistry } from "./verdaccio.js";
import type { PackageJson } from "./workspace-packages.js";

export interface InstalledPackage {
  /** The project directory (package.json, .npmrc, node_modules). */
  project: string;
  /** node_modules/<name>, resolved. */
  directory: string;
  isSymbolicLink: boolean;
  manifest: PackageJson;
}

/**
 * What a user does: an empty project, `npm init -y`, an .npmrc for the @periscope scope, then
 * `npm install` of the package and the given `name@version` specs. Nothing comes from the workspace.
 */
export async function installAlone(
  project: string,
  registry: LocalRegistry,
  name: string,
  version: string,
  extraSpecs: readonly string[],
): Promise<InstalledPackage> {
  await mkdir(project, { recursive: true });
  await run("npm", ["init", "-y"], { cwd: project });
  await writeScopedNpmrc(project, registry);
  await run("npm", ["install", "--no-audit", "--no-fund", `${name}@${version}`, ...extraSpecs], {
    cwd: project,
    timeoutMs: 90_000,
  });
  const installed = join(project, "node_modules", name);
  const directory = await realpath(installed);
  return {
    project,
    directory,
    isSymbolicLink: (await lstat(installed)).isSymbolicLink(),
    manifest: JSON.parse(await readFile(join(directory, "package.json"), "utf8")) as PackageJson,
  };
}
