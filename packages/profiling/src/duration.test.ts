import { describe, expect, it } from "vitest";
import { checkDurationMs, parseSeconds } from "./duration.js";

describe("parseSeconds", () => {
  it("turns seconds into milliseconds, with the fallback when absent", () => {
    expect(parseSeconds("2", 10_000)).toEqual({ ms: 2000 });
    expect(parseSeconds("0.5", 10_000)).toEqual({ ms: 500 });
    expect(parseSeconds("60", 10_000)).toEqual({ ms: 60_000 });
    expect(parseSeconds(undefined, 10_000)).toEqual({ ms: 10_000 });
    expect(parseSeconds("", 7)).toEqual({ ms: 7 });
  });

  it.each(["abc", "-1", "1e2", "Infinity", "0x10", " ", "2s"])("refuses %j with a message", (raw) => {
    expect(parseSeconds(raw, 1)).toEqual({ error: expect.stringMatching(/seconds must be/) });
  });

  it("refuses 0 and more than 60", () => {
    expect(parseSeconds("0", 1)).toEqual({ error: "seconds must be above 0 and at most 60, got 0" });
    expect(parseSeconds("60.5", 1)).toEqual({ error: "seconds must be above 0 and at most 60, got 60.5" });
  });
});

describe("checkDurationMs", () => {
  it("defaults to 10 s and accepts up to 60 s", () => {
    expect(checkDurationMs(undefined)).toBe(10_000);
    expect(checkDurationMs(60_000)).toBe(60_000);
  });

  it("throws a RangeError naming the option otherwise", () => {
    expect(() => checkDurationMs(60_001)).toThrow(/durationMs must be .* at most 60000, got 60001/);
    expect(() => checkDurationMs(-5)).toThrow(RangeError);
    expect(() => checkDurationMs("5" as unknown as number)).toThrow(RangeError);
  });
});
