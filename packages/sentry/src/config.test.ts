import { describe, expect, it } from "vitest";
import { resolveLevelRates, resolveSentryConfig } from "./config.js";

describe("resolveSentryConfig", () => {
  const env = {
    SENTRY_DSN: "https://key@o1.ingest.example/5",
    SENTRY_ENVIRONMENT: "staging",
    SENTRY_RELEASE: "api@1.2.3",
    SENTRY_TRACES_SAMPLE_RATE: "0.25",
  };

  it("reads SENTRY_* variables", () => {
    expect(resolveSentryConfig({}, env)).toEqual({
      dsn: env.SENTRY_DSN,
      environment: "staging",
      release: "api@1.2.3",
      tracesSampleRate: 0.25,
    });
  });

  it("lets explicit options win", () => {
    const config = resolveSentryConfig(
      { dsn: "http://other@127.0.0.1:1/2", environment: "prod", release: "r2", tracesSampleRate: 0 },
      env,
    );
    expect(config).toEqual({
      dsn: "http://other@127.0.0.1:1/2",
      environment: "prod",
      release: "r2",
      tracesSampleRate: 0,
    });
  });

  it("leaves tracing off without a rate, and the DSN unset without one", () => {
    expect(resolveSentryConfig({}, {})).toEqual({
      dsn: undefined,
      environment: undefined,
      release: undefined,
      tracesSampleRate: undefined,
    });
  });

  it("names the option and the variable on bad input", () => {
    expect(() => resolveSentryConfig({}, { SENTRY_TRACES_SAMPLE_RATE: "lots" })).toThrow(/SENTRY_TRACES_SAMPLE_RATE/);
    expect(() => resolveSentryConfig({ tracesSampleRate: 2 }, {})).toThrow(/tracesSampleRate/);
    expect(() => resolveSentryConfig({ sampleRate: -1 }, {})).toThrow(/sampleRate/);
    expect(() => resolveSentryConfig({}, { SENTRY_DSN: "ftp://k@h/1" })).toThrow(/SENTRY_DSN/);
    expect(() => resolveSentryConfig({ dsn: "https://host/1" }, {})).toThrow(/public key/);
  });
});

describe("resolveLevelRates", () => {
  it("keeps all errors, a tenth of warnings and drops info by default", () => {
    expect(resolveLevelRates(undefined)).toMatchObject({ fatal: 1, error: 1, warning: 0.1, info: 0, debug: 0 });
    expect(resolveLevelRates({ warning: 1 }).warning).toBe(1);
    expect(() => resolveLevelRates({ info: 3 })).toThrow(/levelSampleRates.info/);
  });
});
