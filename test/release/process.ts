import { type ChildProcess, spawn } from "node:child_process";
import { childEnvironment } from "./run.js";

export interface StartOptions {
  cwd: string;
  env?: Record<string, string>;
}

/** A long-lived child process whose output is kept for error messages. */
export interface RunningProcess {
  readonly description: string;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout/stderr; rejects on exit or timeout. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Whether the process has exited (and with what), or undefined while it runs. */
  exitStatus(): string | undefined;
  /** SIGTERM, then SIGKILL after a grace period. Safe to call twice. */
  stop(): Promise<void>;
}

export function startProcess(command: string, args: readonly string[], options: StartOptions): RunningProcess {
  const description = `${command} ${args.join(" ")}`;
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: childEnvironment(options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exitStatus: string | undefined;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    notify();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    notify();
  });
  const exited = new Promise<void>((resolve) => {
    child.on("error", (error) => {
      exitStatus = `failed to start: ${error.message}`;
      notify();
      resolve();
    });
    child.on("exit", (code, signal) => {
      exitStatus = signal ? `killed by ${signal}` : `exited with code ${String(code)}`;
      notify();
      resolve();
    });
  });

  return {
    description,
    output: () => output,
    exitStatus: () => exitStatus,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const finish = (error?: Error, match?: RegExpMatchArray) => {
          listeners.delete(check);
          clearTimeout(timer);
          if (match) resolve(match);
          else reject(error);
        };
        const check = () => {
          const match = output.match(pattern);
          if (match) finish(undefined, match);
          else if (exitStatus !== undefined)
            finish(new Error(`${description} ${exitStatus} before printing ${pattern}. Output:\n${output}`));
        };
        const timer = setTimeout(
          () => finish(new Error(`${description} did not print ${pattern} within ${timeoutMs} ms. Output:\n${output}`)),
          timeoutMs,
        );
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (exitStatus !== undefined) return;
      child.kill("SIGTERM");
      const grace = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(grace);
    },
  };
}
