import express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { tracingMiddleware } from "../../src/express.js";
import { type DropReason, initTracing } from "../../src/index.js";
import { refusingUrl, startBlackHole } from "../otlp-receiver.js";

const REQUESTS = 500;
const MAX_QUEUE = 50;
const SHUTDOWN_DEADLINE = 1000;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

/** Runs REQUESTS requests, 25 at a time, against an app whose collector is broken; returns what was observed. */
async function underLoad(collectorUrl: string) {
  const errors: Error[] = [];
  const drops: Record<DropReason, number> = { queue_full: 0, export_failed: 0 };
  const tracing = initTracing({
    endpoint: `${collectorUrl}/v1/traces`,
    protocol: "http/json",
    batch: { maxQueueSize: MAX_QUEUE, maxExportBatchSize: 10, scheduledDelayMillis: 10, exportTimeoutMillis: 10_000 },
    shutdownTimeoutMillis: SHUTDOWN_DEADLINE,
    instrumentations: { http: false },
    onError: (error) => errors.push(error),
    onDrop: (count, reason) => {
      drops[reason] += count;
    },
    env: {},
  });
  const app = express();
  app.use(tracingMiddleware(tracing));
  app.get("/work/:id", (_request, response) => {
    response.json({ ok: true });
  });
  const server = await listen(app);
  const latencies: number[] = [];
  const statuses: number[] = [];
  let maxQueued = 0;
  try {
    for (let index = 0; index < REQUESTS; index += 25) {
      await Promise.all(
        Array.from({ length: 25 }, async (_, offset) => {
          const started = performance.now();
          const response = await fetch(`${server.url}/work/${index + offset}`);
          await response.text();
          latencies.push(performance.now() - started);
          statuses.push(response.status);
        }),
      );
      maxQueued = Math.max(maxQueued, tracing.stats().queued);
    }
  } finally {
    await server.close();
  }
  // Let the last responses' spans end (they end on the response's "close").
  await new Promise((resolve) => setTimeout(resolve, 50));
  const stats = tracing.stats();
  const started = performance.now();
  await tracing.shutdown();
  const shutdownMillis = performance.now() - started;
  return { tracing, stats, latencies, statuses, maxQueued, errors, drops, shutdownMillis };
}

function expectResilient(result: Awaited<ReturnType<typeof underLoad>>) {
  const { stats, latencies, statuses, maxQueued, drops, shutdownMillis, tracing } = result;
  expect(statuses).toHaveLength(REQUESTS);
  expect(statuses.every((status) => status === 200)).toBe(true);
  // No request waited on the exporter, whose timeout is 10 s: half of it leaves room for a busy CI machine.
  expect(Math.max(...latencies)).toBeLessThan(5000);
  // Every sampled span is accounted for, and the queue never held more than its bound.
  expect(stats.exported + stats.droppedQueueFull + stats.droppedExportFailed + stats.queued + stats.exporting).toBe(
    REQUESTS,
  );
  expect(stats.exported).toBe(0);
  expect(stats.queued).toBeLessThanOrEqual(MAX_QUEUE);
  expect(maxQueued).toBeLessThanOrEqual(MAX_QUEUE);
  expect(stats.exporting).toBeLessThanOrEqual(10);
  expect(stats.droppedQueueFull).toBeGreaterThanOrEqual(REQUESTS - MAX_QUEUE - 10 * 2);
  expect(drops.queue_full).toBe(stats.droppedQueueFull);
  expect(tracing.droppedSpans()).toBeGreaterThanOrEqual(stats.droppedQueueFull);
  expect(shutdownMillis).toBeLessThan(SHUTDOWN_DEADLINE + 500);
  expect(unhandled).toEqual([]);
}

describe("a broken collector never slows requests nor grows memory", () => {
  it("collector refusing connections", async () => {
    const result = await underLoad(await refusingUrl());
    expectResilient(result);
  });

  it("collector accepting connections and never answering", async () => {
    const blackHole = await startBlackHole();
    try {
      const result = await underLoad(blackHole.url);
      expectResilient(result);
      expect(blackHole.connections()).toBeGreaterThan(0);
      // The shutdown deadline passed with an export still hanging: reported once, through onError.
      expect(result.errors.length).toBeGreaterThanOrEqual(1);
      expect(result.errors.length).toBeLessThanOrEqual(2);
    } finally {
      await blackHole.close();
    }
  });
});
