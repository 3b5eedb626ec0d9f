import { defineMetric, type Metrics, NOTIFICATION_METRICS } from "@periscope/metrics";
import { DELIVERY_STATES, type DeliveryState } from "./deliveries-repository.js";

export const WORKER_METRICS = {
  /** `notification_deliveries_total{channel,result}`: the dashboards and rules chart this constant. */
  deliveries: NOTIFICATION_METRICS.deliveries,
  duration: NOTIFICATION_METRICS.duration,
  queueDepth: defineMetric({
    name: "notification_queue_depth",
    help: "Deliveries in the outbox, by state (pending, in_flight, delivered, dead).",
    type: "gauge",
    labelNames: ["state"],
  }),
  deadLetters: defineMetric({
    name: "notification_dead_letters_total",
    help: "Deliveries given up on after their last attempt, by receiver.",
    type: "counter",
    labelNames: ["channel"],
  }),
} as const;

/** The worker's own metrics, registered on the given handle. */
export function createWorkerMetrics(metrics: Metrics) {
  const deliveries = metrics.counter(WORKER_METRICS.deliveries);
  const duration = metrics.histogram(WORKER_METRICS.duration);
  const queueDepth = metrics.gauge(WORKER_METRICS.queueDepth);
  const deadLetters = metrics.counter(WORKER_METRICS.deadLetters);
  return {
    /** Starts each receiver's dead-letter count at 0, so `increase()` sees the first one. */
    initReceivers(names: Iterable<string>) {
      for (const channel of names) deadLetters.inc({ channel }, 0);
    },
    recordOutcome(channel: string, result: "delivered" | "retried" | "dead") {
      deliveries.inc({ channel, result: result === "dead" ? "dead_lettered" : result });
      if (result === "dead") deadLetters.inc({ channel });
    },
    observeDuration: (channel: string, seconds: number) => duration.observe({ channel }, seconds),
    setQueueDepth(counts: Record<DeliveryState, number>) {
      for (const state of DELIVERY_STATES) queueDepth.set({ state }, counts[state]);
    },
  };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
