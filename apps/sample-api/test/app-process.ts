import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

const appDirectory = fileURLToPath(new URL("..", import.meta.url));
const running: ChildProcess[] = [];
const dataDirs: string[] = [];
afterEach(() => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const directory of dataDirs.splice(0)) rmSync(directory, { recursive: true, force: true });
});

export interface App {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** A fresh DATA_DIR, so tests never write into the app's own ./data. */
export function temporaryDataDir(): string {
  const directory = mkdtempSync(join(tmpdir(), "sample-api-"));
  dataDirs.push(directory);
  return directory;
}

/** Starts the built app (`node dist/main.js`, what `pnpm start` runs) and waits until it listens. */
export async function startApp(environment: Record<string, string> = {}): Promise<App> {
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: appDirectory,
    env: { ...process.env, PORT: "0", OTEL_TRACES_EXPORTER: "none", DATA_DIR: temporaryDataDir(), ...environment },
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
    const timer = setTimeout(() => reject(new Error(`sample-api did not start:\n${output}`)), 20_000);
    child.stdout.on("data", () => {
      const match = output.match(/listening on (http:\/\/[^\s"]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => reject(new Error(`sample-api exited with ${code}:\n${output}`)));
  });
  return { url, child, output: () => output, exited };
}
