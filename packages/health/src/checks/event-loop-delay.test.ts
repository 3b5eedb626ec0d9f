import { describe, expect, it } from "vitest";
import type { CheckOutcome } from "../check-types.js";
import { eventLoopDelayCheck } from "./event-loop-delay.js";

const context = () => ({ signal: new AbortController().signal, name: "loop" });
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("eventLoopDelayCheck", () => {
  it("fails after the loop was blocked, and passes again once the histogram was reset", async () => {
    const check = eventLoopDelayCheck({ maxDelayMs: 100, resolutionMs: 10 });
    check.start?.();
    try {
      await tick(50);
      const blockedUntil = Date.now() + 300;
      while (Date.now() < blockedUntil) {
        // block the event loop on purpose
      }
      await tick(30);
      const blocked = (await check.run(context())) as CheckOutcome;
      expect(blocked.status).toBe("fail");
      expect(blocked.observedValue).toBeGreaterThan(100);
      expect(blocked.message).toMatch(/^event loop delay p99 [\d.]+ ms is above 100 ms$/);

      await tick(100);
      expect(((await check.run(context())) as CheckOutcome).status).toBe("pass");
    } finally {
      check.stop?.();
    }
  });

  it("passes with no samples yet and refuses bad options", () => {
    const check = eventLoopDelayCheck();
    try {
      expect(check.run(context())).toMatchObject({ status: "pass", message: "no samples yet" });
    } finally {
      check.stop?.();
    }
    expect(() => eventLoopDelayCheck({ percentile: 0 })).toThrow(/percentile/);
  });
});
