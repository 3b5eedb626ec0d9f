/** What happened to the events handed to Sentry: sent, failed to send, or dropped (and why). */
export interface DeliveryStats {
  /** Envelopes the DSN accepted (2xx). */
  sent: number;
  /** Envelopes whose request failed: refused, reset, or no answer within `sendTimeoutMs`. */
  failed: number;
  /** Events dropped before or instead of sending, by reason: `queue_overflow` (buffer full), `network_error`,
   * `ignored`, `level_sampled`, `before_send`, `sample_rate`, `ratelimit_backoff`, ... */
  dropped: Record<string, number>;
}

export class DeliveryCounter {
  private readonly stats: DeliveryStats = { sent: 0, failed: 0, dropped: {} };

  drop(reason: string, count = 1): void {
    this.stats.dropped[reason] = (this.stats.dropped[reason] ?? 0) + count;
  }

  sent(): void {
    this.stats.sent += 1;
  }

  failed(): void {
    this.stats.failed += 1;
  }

  snapshot(): DeliveryStats {
    return { sent: this.stats.sent, failed: this.stats.failed, dropped: { ...this.stats.dropped } };
  }
}

/** Most kinds of failure tracked apart; past it, new kinds share one limit (memory stays bounded). */
export const MAX_FAILURE_KINDS = 16;

/**
 * What makes two failures "the same kind": the error's code (ECONNREFUSED, ECONNRESET) when it has one, else
 * its name and message with the numbers taken out ("the DSN answered #", "did not answer within # ms").
 */
export function failureKind(error: unknown): string {
  if (!(error instanceof Error)) return `thrown:${String(error).replace(/\d+/g, "#").slice(0, 120)}`;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") return `${error.name}:${code}`;
  return `${error.name}:${error.message.replace(/\d+/g, "#").slice(0, 120)}`;
}

/**
 * Calls `onError` for the first failure of each kind, then at most once per `intervalMs` per kind: a DSN that is
 * down costs one call, not one per event, and a DSN that goes from refusing to timing out is reported for both.
 */
export function rateLimited(onError: (error: unknown) => void, intervalMs: number): (error: unknown) => void {
  const last = new Map<string, number>();
  return (error) => {
    let kind = failureKind(error);
    if (!last.has(kind) && last.size >= MAX_FAILURE_KINDS) kind = "other";
    const now = Date.now();
    if (now - (last.get(kind) ?? Number.NEGATIVE_INFINITY) < intervalMs) return;
    last.set(kind, now);
    try {
      onError(error);
    } catch {
      // A throwing hook must not break delivery.
    }
  };
}
