import { join } from "node:path";
import { scope } from "./npmrc.js";
import { type RunResult, run } from "./run.js";
import type { LocalRegistry } from "./verdaccio.js";

function changesetBin(repositoryRoot: string): string {
  return join(repositoryRoot, "node_modules", ".bin", "changeset");
}

/** `changeset version` in the copy, with the repository's own @changesets/cli. */
export function changesetVersion(repositoryRoot: string, workspace: string): Promise<RunResult> {
  return run(changesetBin(repositoryRoot), ["version"], { cwd: workspace });
}

/**
 * `changeset publish`, the command behind the root `release` script, in the copy. It finds pnpm
 * from the `packageManager` field and runs `pnpm publish --access public --tag latest
 * --no-git-checks --json` in each package (so `workspace:` ranges are rewritten).
 *
 * - The token and the scoped registry come from the copy's .npmrc (written by the test), read by
 *   both npm and pnpm.
 * - changesets decides where to look a package up (`npm info`) from `publishConfig` or the
 *   `npm_config_@periscope:registry` environment variable, never from .npmrc: without the
 *   variable it asks registry.npmjs.org whether the version exists and would skip a version
 *   someone published there. Hence the variable.
 * - `--no-git-tag`: the copy is not a git repository, and tags belong to the real release.
 */
export function changesetPublish(repositoryRoot: string, workspace: string, registry: LocalRegistry) {
  return run(changesetBin(repositoryRoot), ["publish", "--no-git-tag"], {
    cwd: workspace,
    env: { [`npm_config_${scope}:registry`]: registry.url },
  });
}
