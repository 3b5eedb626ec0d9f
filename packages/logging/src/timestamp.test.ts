import { afterEach, describe, expect, it, vi } from "vitest";
import { isoTimestamp } from "./timestamp.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("isoTimestamp", () => {
  it("follows the clock to the millisecond", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-25T13:40:00.123Z"));
    expect(isoTimestamp()).toBe("2026-11-25T13:40:00.123Z");
    expect(isoTimestamp()).toBe("2026-11-25T13:40:00.123Z");
    vi.setSystemTime(new Date("2026-11-25T13:40:00.124Z"));
    expect(isoTimestamp()).toBe("2026-11-25T13:40:00.124Z");
    vi.setSystemTime(new Date("2020-01-01T00:00:00.000Z"));
    expect(isoTimestamp()).toBe("2020-01-01T00:00:00.000Z");
  });
});
