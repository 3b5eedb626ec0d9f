import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { startApp } from "../../../apps/notification-worker/test/app-process.js";

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A fresh data directory holding `worker.yaml` with this config; removed after the file's tests. */
export function workerDirectory(yaml: string): { dataDirectory: string; environment: Record<string, string> } {
  const dataDirectory = mkdtempSync(join(tmpdir(), "faults-worker-"));
  directories.push(dataDirectory);
  const configPath = join(dataDirectory, "worker.yaml");
  writeFileSync(configPath, yaml);
  return { dataDirectory, environment: { DATA_DIR: dataDirectory, WORKER_CONFIG: configPath, LOG_FORMAT: "json" } };
}

/** The built notification worker as a child process (apps/notification-worker/test/app-process.ts) on that config. */
export async function startWorkerProcess(yaml: string) {
  const directory = workerDirectory(yaml);
  const app = await startApp(directory.environment);
  return { ...app, ...directory };
}

/** A config with one signed webhook receiver named `hook` and the given delivery settings. */
export function webhookConfig(url: string, delivery: Record<string, number>): string {
  const settings = Object.entries(delivery)
    .map(([key, value]) => `${key}: ${value}`)
    .join(", ");
  return `receivers:
  - { name: hook, type: webhook, url: "${url}", secret: s3cret }
route:
  receiver: hook
delivery: { ${settings} }
`;
}
