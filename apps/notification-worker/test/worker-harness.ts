import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { createLogger } from "@periscope/logging";
import { createMetrics, type Metrics } from "@periscope/metrics";
import { afterEach } from "vitest";
import { parseWorkerConfig } from "../src/config-loader.js";
import { createWorker, type Worker } from "../src/worker.js";

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

export interface TestWorker {
  url: string;
  worker: Worker;
  metrics: Metrics;
  dataDirectory: string;
  /** JSON log lines written so far. */
  logs: string[];
  stop(): Promise<void>;
}

/** Runs the worker in this process on port 0 with a YAML config and a fresh data directory. */
export async function startWorker(
  yaml: string,
  options: { apiToken?: string; webhookToken?: string; dataDirectory?: string } = {},
): Promise<TestWorker> {
  const dataDirectory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), "notification-worker-"));
  const metrics = createMetrics({ exemplars: false });
  const logs: string[] = [];
  const destination = new PassThrough();
  destination.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  const logger = createLogger({ service: "notification-worker-test", format: "json", destination });
  const worker = createWorker({
    config: parseWorkerConfig(yaml, "test.yaml"),
    dataDirectory,
    logger,
    metrics,
    apiToken: options.apiToken,
    webhookToken: options.webhookToken,
  });
  worker.start();
  const server: Server = await new Promise((resolve) => {
    const listening = worker.app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await worker.shutdown();
      await logger.shutdown();
    })();
    return stopped;
  };
  running.push(stop);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, worker, metrics, dataDirectory, logs, stop };
}

/** Fast retries and polling, so tests do not wait on production defaults. */
export const fastDelivery = `
delivery:
  maxAttempts: 3
  baseDelayMs: 10
  maxDelayMs: 40
  pollIntervalMs: 20
  timeoutMs: 3000
escalation:
  intervalMs: 50
`;
