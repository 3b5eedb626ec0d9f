import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.js";

describe("createRateLimiter", () => {
  it("lets a bucket's burst through, refuses the next with the seconds until a token, and refills by the minute", () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 6, burst: 2 }, () => now);
    expect(limiter.take("a")).toEqual({ ok: true, retryAfterSeconds: 0, usedRatio: 0.5 });
    expect(limiter.take("a")).toEqual({ ok: true, retryAfterSeconds: 0, usedRatio: 1 });
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 10, usedRatio: 1 });
    expect(limiter.take("b").ok).toBe(true);
    now = 4000;
    expect(limiter.take("a")).toMatchObject({ ok: false, retryAfterSeconds: 6 });
    now = 10_000;
    expect(limiter.take("a")).toMatchObject({ ok: true });
    expect(limiter.take("a").ok).toBe(false);
    now = 1_000_000;
    expect(limiter.take("a").usedRatio).toBe(0.5);
  });
});
