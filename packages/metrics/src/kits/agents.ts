import type { Metrics } from "../create-metrics.js";
import { defineMetric } from "../definition.js";
import { createKit } from "../kit.js";

/** Per-agent series kept at most; agents past it share the overflow series. */
export const MAX_AGENT_SERIES = 100;

export const AGENT_METRICS = {
  registered: defineMetric({
    name: "agents_registered",
    help: "Agents registered (active or not).",
    type: "gauge",
    labelNames: [],
  }),
  active: defineMetric({
    name: "agents_active",
    help: "Agents that sent a heartbeat recently and can take tasks.",
    type: "gauge",
    labelNames: [],
  }),
  trustScore: defineMetric({
    name: "agent_trust_score",
    help: "Trust score of each agent, from 0 to 1.",
    type: "gauge",
    labelNames: ["agent_id"],
    maxSeries: MAX_AGENT_SERIES,
  }),
  tasksCompleted: defineMetric({
    name: "agent_tasks_completed_total",
    help: "Tasks completed by each agent.",
    type: "counter",
    labelNames: ["agent_id"],
    maxSeries: MAX_AGENT_SERIES,
  }),
  tasksFailed: defineMetric({
    name: "agent_tasks_failed_total",
    help: "Tasks failed by each agent.",
    type: "counter",
    labelNames: ["agent_id"],
    maxSeries: MAX_AGENT_SERIES,
  }),
} as const;

/** Agents and workers: registered, active, per-agent trust score and outcomes (bounded cardinality). */
export function createAgentMetrics(metrics: Metrics) {
  return createKit(metrics, AGENT_METRICS);
}
