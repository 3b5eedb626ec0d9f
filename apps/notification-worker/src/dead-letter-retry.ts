import type { DeliveriesRepository, Delivery } from "./deliveries-repository.js";
import type { TimelineRepository } from "./timeline-repository.js";

export type RetryOutcome = { ok: true; delivery: Delivery } | { ok: false; status: 404 | 409; error: string };

export interface DeadLetterRetryOptions {
  deliveries: DeliveriesRepository;
  timeline: TimelineRepository;
  /** With BullMQ: puts the failed job back in the shared queue before the row is handed over again. */
  retrySharedJob?: (idempotencyKey: string) => Promise<void>;
  /** The row is pending again: wake the delivery loop. */
  onRetried: () => void;
}

/** "Retry a dead letter": the row goes back to pending with a fresh count of attempts, recorded on the timeline. */
export function createDeadLetterRetry(options: DeadLetterRetryOptions) {
  const { deliveries, timeline } = options;
  return async (id: number, by: string): Promise<RetryOutcome> => {
    const found = deliveries.get(id);
    if (!found) return { ok: false, status: 404, error: "delivery not found" };
    if (found.state !== "dead") {
      return {
        ok: false,
        status: 409,
        error: `delivery ${id} is ${found.state}, not dead: only dead letters are retried`,
      };
    }
    // Redis first: a pending row handed over while its job is still failed would be settled dead at once.
    await options.retrySharedJob?.(found.idempotencyKey);
    const now = new Date();
    if (!deliveries.retryDead(id, now)) {
      return { ok: false, status: 409, error: `delivery ${id} is no longer dead` };
    }
    timeline.record(found.fingerprint, "retry_requested", now, { receiver: found.receiver, status: found.status, by });
    options.onRetried();
    return { ok: true, delivery: deliveries.get(id) as Delivery };
  };
}

export type DeadLetterRetry = ReturnType<typeof createDeadLetterRetry>;
