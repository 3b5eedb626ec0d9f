/** The status of one check, as in the IETF health-check draft. */
export type CheckStatus = "pass" | "warn" | "fail";

/** The cached result of a check, as shown by the detail endpoint. */
export interface CheckResult {
  status: CheckStatus;
  /** How long the last run took, in milliseconds (its timeout when it timed out). */
  latency_ms: number;
  message?: string;
  observed_value?: number | string;
  /** When the last run finished (ISO 8601), or null before the first one. */
  last_checked: string | null;
  critical: boolean;
}

/** What a check may return. `undefined`, `true` or any other value mean pass; `false` means fail. */
export interface CheckOutcome {
  status?: CheckStatus;
  message?: string;
  observedValue?: number | string;
}

export interface CheckContext {
  /** Aborted when the run times out or the handle shuts down: pass it to fetch, sockets, drivers. */
  signal: AbortSignal;
  /** The name the check was registered under. */
  name: string;
}

/** A check as a plain function: resolve to pass, throw (or reject) to fail. */
export type CheckFunction = (context: CheckContext) => unknown;

/** A check with resources of its own (the event-loop monitor), started and stopped with the handle. */
export interface HealthCheck {
  run: CheckFunction;
  start?(): void;
  stop?(): void;
}

export interface CheckOptions {
  /** A failing critical check fails readiness (503); a failing non-critical one only degrades it. Default true. */
  critical?: boolean;
  /** A run that has not settled by then counts as failed ("timed out after N ms"). Default 5000. */
  timeoutMs?: number;
  /** Time between runs; the first run starts at registration. Default 10000. */
  intervalMs?: number;
}
