import { describe, expect, it } from "vitest";
import { initSentry } from "../../src/index.js";
import { throwUnderLoad } from "../load.js";
import { startBlackHole } from "../sentry-receiver.js";

describe("DSN black-holed (accepts TCP, never answers)", () => {
  it("keeps requests prompt, holds at most bufferSize events, and shutdown() meets its deadline", async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    const hole = await startBlackHole();
    const sentry = initSentry({
      dsn: `http://publickey@127.0.0.1:${hole.port}/1`,
      env: {},
      bufferSize: 10,
      sendTimeoutMs: 20_000,
      captureProcessErrors: false,
    });
    try {
      const results = await throwUnderLoad(sentry);
      expect(results.every((result) => result.status === 500)).toBe(true);
      // A request that waited on Sentry would take sendTimeoutMs (20 s); under a loaded CI machine 300
      // concurrent requests still finish in a few seconds, so half the timeout separates the two cleanly.
      expect(Math.max(...results.map((result) => result.ms))).toBeLessThan(10_000);

      await new Promise((resolve) => setTimeout(resolve, 300));
      const stats = sentry.stats();
      expect(stats.sent).toBe(0);
      // Bounded: only bufferSize requests are in flight, everything else was dropped as queue_overflow.
      expect(hole.connections()).toBeLessThanOrEqual(10);
      expect(hole.connections()).toBeGreaterThan(0);
      expect(stats.dropped.queue_overflow ?? 0).toBeGreaterThanOrEqual(250);

      const started = performance.now();
      await sentry.shutdown(1_000);
      const took = performance.now() - started;
      expect(took).toBeGreaterThanOrEqual(900);
      expect(took).toBeLessThan(3_000); // the 1 s deadline plus room for a busy machine's timers
    } finally {
      await hole.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.off("unhandledRejection", onRejection);
    expect(rejections).toEqual([]);
  });

  it("aborts a request the DSN never answers after sendTimeoutMs", async () => {
    const hole = await startBlackHole();
    const errors: unknown[] = [];
    const sentry = initSentry({
      dsn: `http://publickey@127.0.0.1:${hole.port}/1`,
      env: {},
      sendTimeoutMs: 300,
      captureProcessErrors: false,
      onError: (error) => errors.push(error),
    });
    sentry.captureException(new Error("lost"));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(sentry.stats().failed).toBeGreaterThanOrEqual(1);
    expect(String(errors[0])).toMatch(/did not answer within 300 ms/);
    await sentry.shutdown(500);
    await hole.close();
  });
});
