import { AsyncResource } from "node:async_hooks";
import { SpanKind } from "@opentelemetry/api";
import { withSpan } from "@periscope/tracing";
import { retryDelay } from "./backoff.js";
import type { DeliverySettings } from "./config-schema.js";
import type { DeliveriesRepository, Delivery } from "./deliveries-repository.js";
import type { Receiver } from "./receivers.js";
import type { WorkerMetrics } from "./worker-metrics.js";

export interface DeliveryLoopOptions {
  deliveries: DeliveriesRepository;
  receivers: ReadonlyMap<string, Receiver>;
  settings: DeliverySettings;
  metrics: WorkerMetrics;
  /** Background failures (a database error in a tick); never thrown. */
  onError: (error: unknown) => void;
  /** Told of each finished delivery, for logs. */
  onDelivery?: (delivery: Delivery, outcome: "delivered" | "retry" | "dead", error?: string) => void;
  random?: () => number;
}

/** Claims due rows of the outbox, sends each through its receiver, and records the outcome. */
export function createDeliveryLoop(options: DeliveryLoopOptions) {
  const { deliveries, receivers, settings, metrics } = options;
  const inFlight = new Map<number, Promise<void>>();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let shutdownPromise: Promise<void> | undefined;

  const deliver = async (delivery: Delivery) => {
    const receiver = receivers.get(delivery.receiver);
    const attempts = delivery.attempts + 1;
    if (!receiver) {
      deliveries.markDead(delivery.id, attempts, `no receiver named "${delivery.receiver}" in the config`, new Date());
      metrics.recordOutcome(delivery.receiver, "dead");
      options.onDelivery?.(delivery, "dead", "unknown receiver");
      return;
    }
    const started = performance.now();
    const attributes = {
      "notification.receiver": receiver.name,
      "notification.channel": receiver.kind,
      "notification.status": delivery.status,
      "notification.attempt": attempts,
      "alert.fingerprint": delivery.fingerprint,
    };
    const span = { name: "notification deliver", kind: SpanKind.CLIENT, attributes, root: true };
    const result = await withSpan(span, async (active) => {
      const outcome = await receiver.send(delivery.alert, {
        idempotencyKey: delivery.idempotencyKey,
        signal: abort.signal,
      });
      active.setAttribute("notification.ok", outcome.ok);
      if (outcome.status !== undefined) active.setAttribute("notification.response_status", outcome.status);
      return outcome;
    });
    metrics.observeDuration(receiver.name, (performance.now() - started) / 1000);
    const now = new Date();
    if (stopped && !result.ok) {
      // Cut short by shutdown: not the receiver's fault, so no attempt is counted.
      deliveries.release(delivery.id, now);
      return;
    }
    if (result.ok) {
      deliveries.markDelivered(delivery.id, attempts, now);
      metrics.recordOutcome(receiver.name, "delivered");
      options.onDelivery?.(delivery, "delivered");
      return;
    }
    const error = result.error ?? `status ${result.status ?? "unknown"}`;
    if (result.retryable === false || attempts >= settings.maxAttempts) {
      deliveries.markDead(delivery.id, attempts, error, now);
      metrics.recordOutcome(receiver.name, "dead");
      options.onDelivery?.(delivery, "dead", error);
      return;
    }
    const delay = retryDelay(attempts, settings, result.retryAfterMs, options.random);
    deliveries.reschedule(delivery.id, attempts, new Date(now.getTime() + delay), error, now);
    metrics.recordOutcome(receiver.name, "retried");
    options.onDelivery?.(delivery, "retry", error);
  };

  const tick = () => {
    if (stopped) return;
    try {
      const free = settings.concurrency - inFlight.size;
      const due = free > 0 ? deliveries.claimDue(new Date(), free) : [];
      for (const delivery of due) {
        const running = deliver(delivery)
          .catch(options.onError)
          .finally(() => {
            inFlight.delete(delivery.id);
            if (!stopped) schedule(0);
          });
        inFlight.set(delivery.id, running);
      }
      metrics.setQueueDepth(deliveries.countByState());
    } catch (error) {
      options.onError(error);
    }
    schedule(settings.pollIntervalMs);
  };

  // Bound to the context the loop was made in: a wake() from a request must not lend that request's ids to deliveries.
  const boundTick = AsyncResource.bind(() => tick());
  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(boundTick, delayMs);
    timer.unref();
  };

  return {
    /** Reclaims rows a crash left in_flight, then starts polling. Returns how many were reclaimed. */
    start(): number {
      const reclaimed = deliveries.reclaimInFlight(new Date());
      schedule(0);
      return reclaimed;
    },
    /** Runs a pass now (after an ingest, so a new alert does not wait for the poll interval). */
    wake: () => schedule(0),
    /** Stops claiming, aborts sends in flight (their rows go back to pending) and waits for them. Idempotent. */
    shutdown(): Promise<void> {
      shutdownPromise ??= (async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        abort.abort();
        await Promise.allSettled(inFlight.values());
      })();
      return shutdownPromise;
    },
  };
}

export type DeliveryLoop = ReturnType<typeof createDeliveryLoop>;
