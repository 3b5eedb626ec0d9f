import { cp, readdir } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { listPublishablePackages, listWorkspacePackages } from "./workspace-packages.js";

async function assertBuilt(directory: string, name: string): Promise<void> {
  const dist = join(directory, "dist");
  const entries = await readdir(dist).catch(() => []);
  if (entries.length === 0) {
    throw new Error(
      `${name} has no built ${dist}/. Build it before this test (\`pnpm --filter ${name} build\`); ` +
        "turbo builds it first when it is a devDependency of @periscope/repo-tests.",
    );
  }
}

const skipped = new Set(["node_modules", ".turbo", "coverage"]);

/**
 * Copies what a release needs into `destination` (outside the repository): the root package.json,
 * pnpm-workspace.yaml, .changeset/ and packages/* with their built dist/ but without node_modules.
 * The working tree is only read.
 */
export async function copyWorkspace(root: string, destination: string): Promise<void> {
  if (!relative(root, destination).startsWith("..")) {
    throw new Error(`refusing to copy the workspace into itself: ${destination} is inside ${root}`);
  }
  for (const workspacePackage of listPublishablePackages(root)) {
    await assertBuilt(workspacePackage.directory, workspacePackage.manifest.name);
  }
  for (const file of ["package.json", "pnpm-workspace.yaml"]) {
    await cp(join(root, file), join(destination, file));
  }
  await cp(join(root, ".changeset"), join(destination, ".changeset"), { recursive: true });
  for (const workspacePackage of listWorkspacePackages(root)) {
    const target = join(destination, "packages", basename(workspacePackage.directory));
    await cp(workspacePackage.directory, target, {
      recursive: true,
      filter: (source) => !skipped.has(basename(source)),
    });
  }
}
