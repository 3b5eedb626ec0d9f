import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  directory: string;
  manifest: PackageJson;
}

export function readPackageJson(directory: string): PackageJson {
  return JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as PackageJson;
}

/** Every package under `<root>/packages/*`, publishable or not. Synchronous: tests are generated from it. */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  const packagesDirectory = join(root, "packages");
  return readdirSync(packagesDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDirectory, entry.name, "package.json")))
    .map((entry) => {
      const directory = join(packagesDirectory, entry.name);
      return { directory, manifest: readPackageJson(directory) };
    })
    .sort((left, right) => left.manifest.name.localeCompare(right.manifest.name));
}

/** The packages a release publishes: every non-private package.json under packages/. */
export function listPublishablePackages(root: string): WorkspacePackage[] {
  return listWorkspacePackages(root).filter((workspacePackage) => workspacePackage.manifest.private !== true);
}
