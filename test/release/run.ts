import { execFile } from "node:child_process";

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * The environment of a child process: ours without the `npm_*` variables that `pnpm run` and
 * vitest's parent script export (npm_config_*, npm_package_*, npm_lifecycle_*), which would
 * otherwise leak this workspace's settings into the npm and pnpm runs in the temp dirs.
 */
export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) environment[key] = value;
  }
  return { ...environment, ...extra };
}

/** Runs a command to completion; rejects with its exit code and whole output when it fails. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: childEnvironment(options.env),
        timeout: options.timeoutMs ?? 90_000,
        maxBuffer: 32 * 1024 * 1024,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (error) {
          const exit = error.killed ? `killed (${error.signal ?? "timeout"})` : `exit code ${String(error.code)}`;
          reject(
            new Error(
              `\`${command} ${args.join(" ")}\` in ${options.cwd} failed: ${exit}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
            ),
          );
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}
