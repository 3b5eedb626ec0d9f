import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunResult, run } from "./run.js";

/** How long a script quick start may run before it counts as hung. */
export const QUICK_START_SCRIPT_TIMEOUT_MS = 20_000;

/**
 * Saves `code` as `<project>/quick-start.mjs` and runs it with node to completion. Resolves with its
 * output when it exits with code 0; rejects with the exit code (or the kill after 20 s) and the
 * whole output otherwise.
 */
export async function runQuickStartScript(project: string, code: string): Promise<RunResult> {
  await writeFile(join(project, "quick-start.mjs"), code);
  return run(process.execPath, ["quick-start.mjs"], { cwd: project, timeoutMs: QUICK_START_SCRIPT_TIMEOUT_MS });
}
