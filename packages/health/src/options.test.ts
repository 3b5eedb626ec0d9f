import { afterEach, describe, expect, it } from "vitest";
import { resolveOptions } from "./options.js";

describe("resolveOptions", () => {
  afterEach(() => {
    delete process.env.HEALTH_DRAIN_DELAY_MS;
    delete process.env.HEALTH_DETAIL_TOKEN;
  });

  it("uses the documented defaults", () => {
    const options = resolveOptions({});
    expect(options).toMatchObject({
      basePath: "/health",
      drainDelayMs: 5000,
      requestDeadlineMs: 10_000,
      hookTimeoutMs: 5000,
      hooksTimeoutMs: 10_000,
      checkTimeoutMs: 5000,
      checkIntervalMs: 10_000,
      detailToken: undefined,
      signals: undefined,
    });
  });

  it("reads the env vars when called, and explicit options win", () => {
    process.env.HEALTH_DRAIN_DELAY_MS = "1500";
    process.env.HEALTH_DETAIL_TOKEN = "from-env";
    expect(resolveOptions({})).toMatchObject({ drainDelayMs: 1500, detailToken: "from-env" });
    expect(resolveOptions({ drainDelayMs: 0, detailToken: "explicit" })).toMatchObject({
      drainDelayMs: 0,
      detailToken: "explicit",
    });
  });

  it("names the option and the env var when a value is wrong", () => {
    process.env.HEALTH_DRAIN_DELAY_MS = "soon";
    expect(() => resolveOptions({})).toThrow(/HEALTH_DRAIN_DELAY_MS.*drainDelayMs.*"soon"/);
    delete process.env.HEALTH_DRAIN_DELAY_MS;
    expect(() => resolveOptions({ drainDelayMs: -1 })).toThrow(/drainDelayMs \(or env HEALTH_DRAIN_DELAY_MS\)/);
    expect(() => resolveOptions({ basePath: "health" })).toThrow(/basePath/);
    expect(() => resolveOptions({ checkIntervalMs: 0 })).toThrow(/checkIntervalMs must be greater than 0/);
    expect(() => resolveOptions({ handleSignals: ["TERM" as NodeJS.Signals] })).toThrow(/handleSignals/);
  });
});
