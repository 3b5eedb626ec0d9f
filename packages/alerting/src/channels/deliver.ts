import type { RedactionPolicy } from "@periscope/redact";
import { backoffDelay, type ResolvedRetryOptions, sleep } from "./retry.js";
import type { DeliveryResult } from "./types.js";

/** The outcome of one attempt. */
export interface AttemptOutcome {
  ok: boolean;
  status?: number;
  retryable: boolean;
  error?: string;
  retryAfterMs?: number;
}

export interface DeliverOptions {
  retry: ResolvedRetryOptions;
  timeoutMs: number;
  signal?: AbortSignal;
  redaction: RedactionPolicy;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? `: ${cause.message}` : "";
    return `${error.message}${causeText}`;
  }
  return String(error);
}

/**
 * Runs `attempt` with a fresh per-attempt timeout until it succeeds, fails for good, or attempts run out.
 * Never throws: exceptions from `attempt` count as network errors (retryable), redacted.
 */
export async function deliverWithRetry(
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome>,
  options: DeliverOptions,
): Promise<DeliveryResult> {
  const { retry, timeoutMs, signal, redaction } = options;
  let attempts = 0;
  let last: AttemptOutcome = { ok: false, retryable: true, error: "not attempted" };
  while (attempts < retry.maxAttempts) {
    if (signal?.aborted) {
      last = { ok: false, retryable: true, error: "delivery aborted" };
      break;
    }
    attempts += 1;
    const timeout = AbortSignal.timeout(timeoutMs);
    const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      last = await attempt(attemptSignal);
    } catch (error) {
      const timedOut = timeout.aborted && !signal?.aborted;
      last = {
        ok: false,
        retryable: true,
        error: timedOut ? `timed out after ${timeoutMs} ms` : signal?.aborted ? "delivery aborted" : describe(error),
      };
    }
    if (last.ok || !last.retryable || attempts >= retry.maxAttempts) break;
    let delay = backoffDelay(attempts, retry);
    if (last.retryAfterMs !== undefined) {
      if (last.retryAfterMs > retry.maxRetryAfterMs) break; // the caller requeues; see DeliveryResult.retryAfterMs
      delay = Math.max(delay, last.retryAfterMs);
    }
    try {
      await sleep(delay, signal);
    } catch {
      last = { ...last, error: "delivery aborted" };
      break;
    }
  }
  const result: DeliveryResult = { ok: last.ok, attempts };
  if (last.status !== undefined) result.status = last.status;
  if (!last.ok) {
    result.retryable = last.retryable;
    result.error = redaction.redactString(last.error ?? "delivery failed");
    if (last.retryAfterMs !== undefined && last.retryAfterMs > retry.maxRetryAfterMs) {
      result.retryAfterMs = last.retryAfterMs;
    }
  }
  return result;
}
