import type { RedactionPolicy, RedactionPolicyOptions } from "@periscope/redact";
import type { NodeOptions, SeverityLevel } from "@sentry/node";
import type { FingerprintRule } from "./grouping.js";
import type { ErrorMatcher } from "./ignore.js";

/**
 * Sentry's own options (dsn, environment, release, tracesSampleRate, sampleRate, beforeSend, ...) plus
 * Periscope's. `ignoreErrors` here takes names, patterns and predicates (Sentry's string list is not used).
 */
export interface SentryOptions extends Omit<NodeOptions, "ignoreErrors"> {
  /** Where SENTRY_* variables are read, default `process.env` (read once, in initSentry). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The redaction policy (or its options) that scrubs every event and breadcrumb. Default: the default policy. */
  redaction?: RedactionPolicy | RedactionPolicyOptions;
  /** Groups events. Default `[error type, "METHOD /route/template"]` for request errors, Sentry's grouping otherwise. */
  fingerprint?: FingerprintRule;
  /** Expected errors that are not sent: error names, RegExps on `Name: message`, or predicates. */
  ignoreErrors?: readonly ErrorMatcher[];
  /** Errors carrying an HTTP `status`/`statusCode` below this are expected and not sent. Default 500; 0 sends all. */
  ignoreStatusBelow?: number;
  /** Share of events kept per level. Default fatal 1, error 1, warning 0.1, log/info/debug 0. */
  levelSampleRates?: Partial<Record<SeverityLevel, number>>;
  /** Events held while the DSN is slow; more are dropped and counted. Default 30. */
  bufferSize?: number;
  /** A request to the DSN with no answer by then is aborted. Default 5000 ms. */
  sendTimeoutMs?: number;
  /** Deadline of `shutdown()` when called without one. Default 2000 ms. */
  shutdownTimeoutMs?: number;
  /** Report uncaught exceptions and unhandled rejections (then exit, as Node would). Default true. */
  captureProcessErrors?: boolean;
  /** Delivery failures and failing callbacks, rate-limited to one call per kind of failure per 30 s. Default: ignored. */
  onError?: (error: unknown) => void;
}
