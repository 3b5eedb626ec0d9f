import { describe, expect, it } from "vitest";
import { retryDelay } from "./backoff.js";

const settings = { baseDelayMs: 1000, maxDelayMs: 10_000 };

describe("retryDelay", () => {
  it("doubles per attempt with jitter over the upper half, capped at maxDelayMs", () => {
    expect(retryDelay(1, settings, undefined, () => 0)).toBe(500);
    expect(retryDelay(1, settings, undefined, () => 0.999_999)).toBe(1000);
    expect(retryDelay(3, settings, undefined, () => 0)).toBe(2000);
    expect(retryDelay(20, settings, undefined, () => 0.999_999)).toBe(10_000);
  });

  it("waits for a longer Retry-After", () => {
    expect(retryDelay(1, settings, 60_000, () => 0.5)).toBe(60_000);
    expect(retryDelay(1, settings, 10, () => 0)).toBe(500);
  });
});
