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

/** Calls `onError` at most once per `intervalMs`; a DSN that is down costs one call, not one per event. */
export function rateLimited(onError: (error: unknown) => void, intervalMs: number): (error: unknown) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (error) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    try {
      onError(error);
    } catch {
      // A throwing hook must not break delivery.
    }
  };
}
