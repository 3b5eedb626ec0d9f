import { describe, expect, it } from "vitest";
import { DEFAULT_LEVEL_SAMPLE_RATES } from "./config.js";
import { keepByLevel } from "./sampling.js";

describe("keepByLevel", () => {
  it("keeps every fatal and error event and drops info and debug", () => {
    const never = () => 0.999;
    expect(keepByLevel("fatal", DEFAULT_LEVEL_SAMPLE_RATES, never)).toBe(true);
    expect(keepByLevel("error", DEFAULT_LEVEL_SAMPLE_RATES, never)).toBe(true);
    expect(keepByLevel(undefined, DEFAULT_LEVEL_SAMPLE_RATES, never)).toBe(true);
    expect(keepByLevel("info", DEFAULT_LEVEL_SAMPLE_RATES, () => 0)).toBe(false);
    expect(keepByLevel("debug", DEFAULT_LEVEL_SAMPLE_RATES, () => 0)).toBe(false);
  });

  it("keeps the configured share of warnings", () => {
    let i = 0;
    const sequence = () => (i++ % 100) / 100;
    const kept = Array.from({ length: 1000 }, () => keepByLevel("warning", DEFAULT_LEVEL_SAMPLE_RATES, sequence));
    expect(kept.filter(Boolean)).toHaveLength(100);
  });
});
