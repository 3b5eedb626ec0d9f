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

  it("writes what Date#toISOString writes, across seconds, backwards jumps and unusual years", () => {
    vi.useFakeTimers();
    const base = Date.parse("2026-11-25T13:40:59.000Z");
    const times = [0, 9, 10, 99, 100, 999, 1000, 1001, 1999, 500, -1, -1000, 86_400_000 + 7, 3];
    times.push(Date.parse("+010000-01-01T00:00:00.005Z") - base, Date.parse("-000001-06-01T00:00:00.050Z") - base, 42);
    for (let step = 0; step < 2000; step += 7) times.push(step);
    for (const offset of times) {
      vi.setSystemTime(base + offset);
      expect(isoTimestamp()).toBe(new Date(base + offset).toISOString());
    }
  });
});
