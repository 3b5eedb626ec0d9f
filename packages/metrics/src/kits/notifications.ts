import type { Metrics } from "../create-metrics.js";
import { defineMetric } from "../definition.js";
import { createKit } from "../kit.js";

/** Seconds; a webhook, chat or e-mail delivery takes from 50 ms to 30 s. */
export const NOTIFICATION_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

export const NOTIFICATION_METRICS = {
  deliveries: defineMetric({
    name: "notification_deliveries_total",
    help: "Webhook and notification delivery attempts, by channel and result (delivered, failed, retried, dead_lettered).",
    type: "counter",
    labelNames: ["channel", "result"],
  }),
  duration: defineMetric({
    name: "notification_delivery_duration_seconds",
    help: "Duration of delivery attempts, by channel.",
    type: "histogram",
    labelNames: ["channel"],
    buckets: NOTIFICATION_DURATION_BUCKETS,
  }),
} as const;

/** Webhooks and notifications: deliveries by result, delivery duration. */
export function createNotificationMetrics(metrics: Metrics) {
  return createKit(metrics, NOTIFICATION_METRICS);
}
