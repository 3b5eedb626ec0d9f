import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const MONITORING = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPOSITORY = resolve(MONITORING, "..");
export const RULES = join(MONITORING, "prometheus/rules");

/** Runs a Prometheus tool (`PROMTOOL` may point at another promtool) and returns its exit status, stdout and all output. */
export function runTool(command: string, args: string[]): { status: number | null; stdout: string; output: string } {
  const binary = command === "promtool" ? (process.env.PROMTOOL ?? "promtool") : command;
  const result = spawnSync(binary, args, { encoding: "utf8" });
  if (result.error)
    throw new Error(
      `${binary} could not run (apt-get install prometheus prometheus-alertmanager): ${result.error.message}`,
    );
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}
