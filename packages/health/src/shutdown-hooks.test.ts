import { describe, expect, it } from "vitest";
import { runShutdownHooks } from "./shutdown-hooks.js";

const options = (errors: unknown[] = []) => ({
  reason: "test",
  defaultTimeoutMs: 1000,
  totalTimeoutMs: 5000,
  onError: (error: unknown) => errors.push(error),
});

describe("runShutdownHooks", () => {
  it("runs hooks in registration order, one after the other", async () => {
    const order: string[] = [];
    const results = await runShutdownHooks(
      [
        {
          name: "traces",
          timeoutMs: undefined,
          run: async () => {
            await new Promise((resolve) => setTimeout(resolve, 30));
            order.push("traces");
          },
        },
        { name: "logs", timeoutMs: undefined, run: () => void order.push("logs") },
      ],
      options(),
    );
    expect(order).toEqual(["traces", "logs"]);
    expect(results.map((result) => [result.name, result.status])).toEqual([
      ["traces", "ok"],
      ["logs", "ok"],
    ]);
  });

  it("records a failing hook, times out a hung one (aborting its signal) and carries on", async () => {
    const errors: unknown[] = [];
    let signal: AbortSignal | undefined;
    const results = await runShutdownHooks(
      [
        { name: "sentry", timeoutMs: undefined, run: () => Promise.reject(new Error("flush failed")) },
        {
          name: "hung",
          timeoutMs: 100,
          run: (context) => {
            signal = context.signal;
            return new Promise(() => {});
          },
        },
        { name: "last", timeoutMs: undefined, run: () => {} },
      ],
      options(errors),
    );
    expect(results.map((result) => [result.name, result.status, result.error])).toEqual([
      ["sentry", "failed", "flush failed"],
      ["hung", "timed_out", "timed out after 100 ms"],
      ["last", "ok", undefined],
    ]);
    expect(signal?.aborted).toBe(true);
    expect(errors.map(String)).toEqual([
      'Error: @periscope/health: shutdown hook "sentry" failed: flush failed',
      'Error: @periscope/health: shutdown hook "hung" timed out after 100 ms',
    ]);
  });

  it("skips the hooks left once the overall deadline passed", async () => {
    const results = await runShutdownHooks(
      [
        { name: "slow", timeoutMs: 10_000, run: () => new Promise(() => {}) },
        { name: "never", timeoutMs: undefined, run: () => {} },
      ],
      { ...options(), totalTimeoutMs: 100 },
    );
    expect(results.map((result) => [result.name, result.status])).toEqual([
      ["slow", "timed_out"],
      ["never", "skipped"],
    ]);
  });
});
