import { describe, expect, it } from "vitest";
import { initSentry } from "../../src/index.js";
import { throwUnderLoad } from "../load.js";
import { closedPort } from "../sentry-receiver.js";

describe("DSN down (connection refused)", () => {
  it("never slows requests, counts the failures, raises no unhandled rejection, shuts down in time", async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    const errors: unknown[] = [];
    const port = await closedPort();
    const sentry = initSentry({
      dsn: `http://publickey@127.0.0.1:${port}/1`,
      env: {},
      bufferSize: 20,
      sendTimeoutMs: 20_000,
      captureProcessErrors: false,
      onError: (error) => errors.push(error),
    });

    const results = await throwUnderLoad(sentry);
    expect(results.every((result) => result.status === 500)).toBe(true);
    // A request that waited on Sentry would take sendTimeoutMs (20 s); under a loaded CI machine 300
    // concurrent requests still finish in a few seconds, so half the timeout separates the two cleanly.
    expect(Math.max(...results.map((result) => result.ms))).toBeLessThan(10_000);

    const started = performance.now();
    await sentry.shutdown(1_000);
    expect(performance.now() - started).toBeLessThan(3_000); // the 1 s deadline plus room for a busy machine
    await sentry.shutdown(1_000);

    const stats = sentry.stats();
    expect(stats.sent).toBe(0);
    expect(stats.failed).toBeGreaterThan(0);
    // Each of the 300 events was either refused (network_error) or did not fit the buffer (queue_overflow).
    const dropped = (stats.dropped.network_error ?? 0) + (stats.dropped.queue_overflow ?? 0);
    expect(dropped).toBeGreaterThanOrEqual(280);
    expect(errors.length).toBe(1); // rate-limited: one report, not one per event
    expect((errors[0] as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.off("unhandledRejection", onRejection);
    expect(rejections).toEqual([]);
  });
});
