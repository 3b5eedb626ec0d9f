import type { PackageJson } from "./workspace-packages.js";

const exactVersion = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/**
 * The `name@version` specs to install next to `manifest`'s package: what its quick start imports
 * plus its required (non-optional) peers, each pinned to the version the workspace uses: the
 * version just published for a @periscope package, else the exact version in the package's own
 * devDependencies/dependencies, else in the root package.json.
 */
export function installSpecs(
  manifest: PackageJson,
  quickStartImports: readonly string[],
  workspaceRoot: PackageJson,
  publishedVersions: ReadonlyMap<string, string>,
): string[] {
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
    (peer) => manifest.peerDependenciesMeta?.[peer]?.optional !== true,
  );
  const names = [...new Set([...quickStartImports, ...peers])].filter((name) => name !== manifest.name).sort();
  return names.map((name) => {
    const published = publishedVersions.get(name);
    if (published) return `${name}@${published}`;
    const candidates = [manifest.devDependencies, manifest.dependencies, workspaceRoot.devDependencies];
    const pinned = candidates.map((dependencies) => dependencies?.[name]).find((range) => range !== undefined);
    if (pinned === undefined || !exactVersion.test(pinned)) {
      throw new Error(
        `${manifest.name}'s quick start or peers need ${name}, but the workspace pins no exact version of it ` +
          `(found ${JSON.stringify(pinned)}): add "${name}": "<x.y.z>" to ${manifest.name}'s devDependencies.`,
      );
    }
    return `${name}@${pinned}`;
  });
}
