import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

// apps/*/test/app-process.ts spawn `node dist/main.js` directly; these scenarios need the process started
// under a file-size limit or another user, so this spawner puts a wrapper in front of the same command.
export type AppName = "sample-api" | "notification-worker";

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

export interface WrappedOptions {
  /** RLIMIT_FSIZE in bytes (prlimit): a write past it fails with EFBIG, as on a full disk. SIGXFSZ is ignored. */
  maxFileBytes?: number;
  /** Run as this user and group (needs root): a root process can write anywhere, whatever the mode bits say. */
  user?: { uid: number; gid: number };
}

export interface WrappedApp {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the URL once it logs "listening on", rejects if it exits first. */
  listening: Promise<string>;
}

export function spawnApp(app: AppName, environment: Record<string, string>, options: WrappedOptions = {}): WrappedApp {
  const cwd = fileURLToPath(new URL(`../../../apps/${app}/`, import.meta.url));
  const limit = options.maxFileBytes;
  // `trap "" XFSZ` makes SIGXFSZ ignored, which survives exec: the write then fails with EFBIG instead of killing.
  const [command, args] =
    limit === undefined
      ? [process.execPath, ["dist/main.js"]]
      : [
          "sh",
          [
            "-c",
            'trap "" XFSZ; exec prlimit --fsize="$1":"$1" "$2" dist/main.js',
            "sh",
            String(limit),
            process.execPath,
          ],
        ];
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PORT: "0", OTEL_TRACES_EXPORTER: "none", LOG_FORMAT: "json", ...environment },
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  running.push(child);
  let output = "";
  const collect = (data: Buffer) => {
    output += data;
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${app} did not start:\n${output}`)), 20_000);
    child.stdout?.on("data", () => {
      const match = output.match(/listening on (http:\/\/[^\s"]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${app} exited with ${code}:\n${output}`));
    });
  });
  listening.catch(() => {});
  return { child, output: () => output, exited, listening };
}
