import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { LocalRegistry } from "./verdaccio.js";

export const scope = "@periscope";

/**
 * Writes `<directory>/.npmrc` sending @periscope/* (and only it) to the local registry with its
 * token; every other package still comes from the default registry, npmjs.
 */
export async function writeScopedNpmrc(directory: string, registry: LocalRegistry): Promise<void> {
  const host = registry.url.replace(/^https?:/, "");
  await writeFile(
    join(directory, ".npmrc"),
    `${scope}:registry=${registry.url}\n${host}:_authToken=${registry.token}\n`,
  );
}
