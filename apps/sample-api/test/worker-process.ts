import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

const workerDirectory = fileURLToPath(new URL("../../notification-worker/", import.meta.url));
const running: ChildProcess[] = [];
const directories: string[] = [];
afterEach(() => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** Builds the worker when dist/main.js is missing or older than its sources (turbo builds it first otherwise). */
export function ensureWorkerBuilt(): void {
  const main = join(workerDirectory, "dist", "main.js");
  if (existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(workerDirectory, "src"))) return;
  const result = spawnSync("pnpm", ["run", "build"], { cwd: workerDirectory, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`building the notification worker failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export interface WorkerProcess {
  url: string;
  output: () => string;
}

/** Starts the built worker (`node dist/main.js`) on a temporary DATA_DIR with this YAML config. */
export async function startWorker(yaml: string, environment: Record<string, string> = {}): Promise<WorkerProcess> {
  const directory = mkdtempSync(join(tmpdir(), "sample-api-worker-"));
  directories.push(directory);
  const configPath = join(directory, "worker.yaml");
  writeFileSync(configPath, yaml);
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: workerDirectory,
    env: {
      ...process.env,
      PORT: "0",
      OTEL_TRACES_EXPORTER: "none",
      DATA_DIR: join(directory, "data"),
      WORKER_CONFIG: configPath,
      ...environment,
    },
  });
  running.push(child);
  let output = "";
  const collect = (data: Buffer) => {
    output += data;
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
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
  return { url, output: () => output };
}
