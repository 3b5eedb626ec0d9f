import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

const appDirectory = fileURLToPath(new URL("..", import.meta.url));
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

export interface App {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the built app (`node dist/main.js`, what `pnpm start` runs) and waits until it listens. */
export async function startApp(environment: Record<string, string> = {}): Promise<App> {
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: appDirectory,
    env: { ...process.env, PORT: "0", OTEL_TRACES_EXPORTER: "none", ...environment },
  });
  running.push(child);
  let output = "";
  child.stdout.on("data", (data) => {
    output += data;
  });
  child.stderr.on("data", (data) => {
    output += data;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`notification-worker did not start:\n${output}`)), 20_000);
    child.stdout.on("data", () => {
      const match = output.match(/listening on (http:\/\/[^\s"]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => reject(new Error(`notification-worker exited with ${code}:\n${output}`)));
  });
  return { url, child, output: () => output, exited };
}
