import { run } from "./run.js";
import type { LocalRegistry } from "./verdaccio.js";

/** The version `npm view <name>@<version>` finds on the registry, or "" when it finds none. */
export async function viewPublishedVersion(
  registry: LocalRegistry,
  name: string,
  version: string,
  cwd: string,
): Promise<string> {
  const { stdout } = await run("npm", ["view", `${name}@${version}`, "version", "--registry", registry.url], { cwd });
  return stdout.trim();
}
