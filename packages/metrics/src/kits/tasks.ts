import type { Metrics } from "../create-metrics.js";
import { defineMetric } from "../definition.js";
import { createKit } from "../kit.js";

/** Seconds; background tasks run from a tenth of a second to ten minutes. */
export const TASK_DURATION_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] as const;

export const TASK_METRICS = {
  created: defineMetric({
    name: "tasks_created_total",
    help: "Tasks created, by task type and priority.",
    type: "counter",
    labelNames: ["task_type", "priority"],
  }),
  completed: defineMetric({
    name: "tasks_completed_total",
    help: "Tasks that finished successfully, by task type.",
    type: "counter",
    labelNames: ["task_type"],
  }),
  failed: defineMetric({
    name: "tasks_failed_total",
    help: "Tasks that failed for good (after their retries), by task type and reason.",
    type: "counter",
    labelNames: ["task_type", "reason"],
  }),
  duration: defineMetric({
    name: "task_duration_seconds",
    help: "Time from a task's assignment to its completion or failure, by task type and final status.",
    type: "histogram",
    labelNames: ["task_type", "status"],
    buckets: TASK_DURATION_BUCKETS,
  }),
  inQueue: defineMetric({
    name: "tasks_in_queue",
    help: "Tasks waiting for assignment, by priority.",
    type: "gauge",
    labelNames: ["priority"],
  }),
  retries: defineMetric({
    name: "task_retries_total",
    help: "Task attempts retried after a failure, by task type.",
    type: "counter",
    labelNames: ["task_type"],
  }),
  timeouts: defineMetric({
    name: "task_timeouts_total",
    help: "Task attempts that ran past their timeout, by task type.",
    type: "counter",
    labelNames: ["task_type"],
  }),
} as const;

/** Tasks and queues: created, completed, failed, duration, waiting, retries, timeouts. */
export function createTaskMetrics(metrics: Metrics) {
  return createKit(metrics, TASK_METRICS);
}
