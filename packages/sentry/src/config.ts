import type { NodeOptions, SeverityLevel } from "@sentry/node";

/** What the caller passed, after environment variables were applied (explicit options win). */
export interface ResolvedSentryConfig {
  dsn: string | undefined;
  environment: string | undefined;
  release: string | undefined;
  tracesSampleRate: number | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads SENTRY_DSN, SENTRY_ENVIRONMENT, SENTRY_RELEASE and SENTRY_TRACES_SAMPLE_RATE; options win. */
export function resolveSentryConfig(options: NodeOptions, env: Env): ResolvedSentryConfig {
  const dsn = nonEmpty(options.dsn) ?? nonEmpty(env.SENTRY_DSN);
  if (dsn !== undefined) validateDsn(dsn);
  const tracesSampleRate =
    options.tracesSampleRate ?? parseRate(env.SENTRY_TRACES_SAMPLE_RATE, "SENTRY_TRACES_SAMPLE_RATE");
  checkRate(tracesSampleRate, "tracesSampleRate (env SENTRY_TRACES_SAMPLE_RATE)");
  checkRate(options.sampleRate, "sampleRate");
  return {
    dsn,
    environment: nonEmpty(options.environment) ?? nonEmpty(env.SENTRY_ENVIRONMENT),
    release: nonEmpty(options.release) ?? nonEmpty(env.SENTRY_RELEASE),
    tracesSampleRate,
  };
}

/** Default share of events kept per level: all fatal and error events, a tenth of warnings, nothing below. */
export const DEFAULT_LEVEL_SAMPLE_RATES: Readonly<Record<SeverityLevel, number>> = Object.freeze({
  fatal: 1,
  error: 1,
  warning: 0.1,
  log: 0,
  info: 0,
  debug: 0,
});

export function resolveLevelRates(
  overrides: Partial<Record<SeverityLevel, number>> | undefined,
): Record<SeverityLevel, number> {
  const rates = { ...DEFAULT_LEVEL_SAMPLE_RATES, ...overrides };
  for (const [level, rate] of Object.entries(rates)) checkRate(rate, `levelSampleRates.${level}`);
  return rates;
}

export function checkPositiveInteger(value: number | undefined, name: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`@periscope/sentry: option ${name} must be a positive integer, got ${String(value)}.`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function validateDsn(dsn: string): void {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    throw new TypeError(`@periscope/sentry: option dsn (env SENTRY_DSN) is not a URL: ${JSON.stringify(dsn)}.`);
  }
  const projectId = url.pathname.split("/").filter(Boolean).pop();
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username === "" || !projectId) {
    throw new TypeError(
      "@periscope/sentry: option dsn (env SENTRY_DSN) must look like https://<public key>@<host>/<project id>.",
    );
  }
}

function parseRate(raw: string | undefined, name: string): number | undefined {
  const text = nonEmpty(raw);
  if (text === undefined) return undefined;
  const rate = Number(text);
  if (!Number.isFinite(rate)) {
    throw new RangeError(`@periscope/sentry: env ${name} must be a number from 0 to 1, got ${JSON.stringify(raw)}.`);
  }
  return rate;
}

function checkRate(rate: unknown, name: string): void {
  if (rate === undefined) return;
  if (typeof rate !== "number" || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`@periscope/sentry: option ${name} must be a number from 0 to 1, got ${String(rate)}.`);
  }
}
