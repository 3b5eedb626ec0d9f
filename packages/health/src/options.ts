import type { Server } from "node:http";
import { milliseconds, millisecondsFromEnv } from "./durations.js";
import type { RegistryLike } from "./metrics.js";
import { DEFAULT_SIGNALS } from "./signals.js";
import type { LifecycleState } from "./status.js";

export interface HealthOptions {
  /** HTTP server(s) to drain and close on shutdown; same as calling `attach(server)`. */
  server?: Server | readonly Server[];
  /** Where the probes live. Default "/health" (`/health`, `/health/live`, `/health/ready`, `/health/startup`). */
  basePath?: string;
  /** The service version shown by the detail endpoint to authorized callers. */
  version?: string;
  /** Callers of the detail endpoint without `Authorization: Bearer <token>` see only the status. Env HEALTH_DETAIL_TOKEN. */
  detailToken?: string;
  /** A prom-client Registry to export check and lifecycle gauges into. */
  registry?: RegistryLike;
  /** Readiness fails this long before the server stops accepting. Default 5000; env HEALTH_DRAIN_DELAY_MS. */
  drainDelayMs?: number;
  /** How long in-flight requests may run after the server stops accepting; then they are cut. Default 10000. */
  requestDeadlineMs?: number;
  /** Default deadline of each shutdown hook. Default 5000. */
  hookTimeoutMs?: number;
  /** Deadline of all shutdown hooks together. Default 10000. */
  hooksTimeoutMs?: number;
  /** Default timeout of a check. Default 5000. */
  checkTimeoutMs?: number;
  /** Default interval between runs of a check. Default 10000. */
  checkIntervalMs?: number;
  /** Install SIGTERM/SIGINT handlers (or the signals listed) at creation. Default false. */
  handleSignals?: boolean | readonly NodeJS.Signals[];
  /** After a signal-initiated shutdown: true calls process.exit(code), false leaves the process be, a function gets the code. Default true. */
  exit?: boolean | ((code: number) => void);
  /** Receives background failures (hooks that fail, metrics that cannot be read). Default: a process warning. */
  onError?: (error: unknown) => void;
  /** Told of every lifecycle change, e.g. to log "draining". */
  onStateChange?: (state: LifecycleState, previous: LifecycleState) => void;
}

export interface ResolvedOptions {
  basePath: string;
  version: string | undefined;
  detailToken: string | undefined;
  drainDelayMs: number;
  requestDeadlineMs: number;
  hookTimeoutMs: number;
  hooksTimeoutMs: number;
  checkTimeoutMs: number;
  checkIntervalMs: number;
  signals: readonly NodeJS.Signals[] | undefined;
  exit: (code: number) => void;
  onError: (error: unknown) => void;
}

/** Validates the options and reads the two environment variables (explicit options win). */
export function resolveOptions(options: HealthOptions): ResolvedOptions {
  const basePath = options.basePath ?? "/health";
  if (typeof basePath !== "string" || !/^\/[^?#\s]*[^/?#\s]$/.test(basePath)) {
    throw new TypeError(`@periscope/health: basePath must be a path like "/health", got ${String(basePath)}`);
  }
  const detailToken = options.detailToken ?? (process.env.HEALTH_DETAIL_TOKEN || undefined);
  if (detailToken !== undefined && (typeof detailToken !== "string" || detailToken === "")) {
    throw new TypeError("@periscope/health: detailToken (or env HEALTH_DETAIL_TOKEN) must be a non-empty string");
  }
  const drainDelay = options.drainDelayMs ?? millisecondsFromEnv("HEALTH_DRAIN_DELAY_MS", "drainDelayMs") ?? 5000;
  return {
    basePath,
    version: options.version,
    detailToken,
    drainDelayMs: milliseconds(drainDelay, "drainDelayMs", "HEALTH_DRAIN_DELAY_MS"),
    requestDeadlineMs: milliseconds(options.requestDeadlineMs ?? 10_000, "requestDeadlineMs"),
    hookTimeoutMs: milliseconds(options.hookTimeoutMs ?? 5000, "hookTimeoutMs"),
    hooksTimeoutMs: milliseconds(options.hooksTimeoutMs ?? 10_000, "hooksTimeoutMs"),
    checkTimeoutMs: positive(options.checkTimeoutMs ?? 5000, "checkTimeoutMs"),
    checkIntervalMs: positive(options.checkIntervalMs ?? 10_000, "checkIntervalMs"),
    signals: signalsOf(options.handleSignals),
    exit: exitOf(options.exit ?? true),
    onError: options.onError ?? warnPerMessage(),
  };
}

export function positive(value: unknown, option: string): number {
  const ms = milliseconds(value, option);
  if (ms === 0) throw new TypeError(`@periscope/health: ${option} must be greater than 0`);
  return ms;
}

export function signalsOf(
  value: boolean | readonly NodeJS.Signals[] | undefined,
): readonly NodeJS.Signals[] | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_SIGNALS;
  if (!Array.isArray(value) || value.length === 0 || !value.every((signal) => /^SIG[A-Z0-9]+$/.test(signal))) {
    throw new TypeError('@periscope/health: handleSignals must be true, false or a list like ["SIGTERM", "SIGINT"]');
  }
  return value;
}

function exitOf(exit: boolean | ((code: number) => void)): (code: number) => void {
  if (typeof exit === "function") return exit;
  if (exit === true) return (code) => process.exit(code);
  if (exit === false) return () => {};
  throw new TypeError("@periscope/health: exit must be true, false or a function (code) => void");
}

/** The default onError: one process warning per distinct message, so a recurring failure does not flood. */
function warnPerMessage(): (error: unknown) => void {
  const seen = new Set<string>();
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (seen.has(message) || seen.size >= 100) return;
    seen.add(message);
    process.emitWarning(message, "PeriscopeWarning");
  };
}
