import type { Metrics } from "../create-metrics.js";
import { defineMetric } from "../definition.js";
import { createKit } from "../kit.js";

/** Seconds; multi-step workflows run from a second to an hour. */
export const CHAIN_DURATION_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] as const;

export const CHAIN_METRICS = {
  finished: defineMetric({
    name: "chains_total",
    help: "Chains (ordered multi-step workflows) finished, by final status.",
    type: "counter",
    labelNames: ["status"],
  }),
  steps: defineMetric({
    name: "chain_steps_total",
    help: "Chain steps executed, by status.",
    type: "counter",
    labelNames: ["status"],
  }),
  duration: defineMetric({
    name: "chain_duration_seconds",
    help: "Time from a chain's start to its end, by final status.",
    type: "histogram",
    labelNames: ["status"],
    buckets: CHAIN_DURATION_BUCKETS,
  }),
  active: defineMetric({
    name: "chains_active",
    help: "Chains started and not finished yet.",
    type: "gauge",
    labelNames: [],
  }),
} as const;

/** Chains and workflows: finished by status, steps, duration, active. */
export function createChainMetrics(metrics: Metrics) {
  return createKit(metrics, CHAIN_METRICS);
}
