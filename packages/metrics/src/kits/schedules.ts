import type { Metrics } from "../create-metrics.js";
import { defineMetric } from "../definition.js";
import { createKit } from "../kit.js";

export const MAX_SCHEDULE_SERIES = 500;

export const SCHEDULE_METRICS = {
  registered: defineMetric({
    name: "scheduled_tasks_registered",
    help: "Schedules (interval or cron) that are enabled.",
    type: "gauge",
    labelNames: [],
  }),
  runs: defineMetric({
    name: "scheduled_task_runs_total",
    help: "Runs of scheduled tasks, by schedule and result (success, failure, skipped).",
    type: "counter",
    labelNames: ["schedule", "result"],
    maxSeries: MAX_SCHEDULE_SERIES,
  }),
  lastRun: defineMetric({
    name: "scheduled_task_last_run_timestamp_seconds",
    help: "Unix time of each schedule's last run.",
    type: "gauge",
    labelNames: ["schedule"],
    maxSeries: MAX_SCHEDULE_SERIES,
  }),
  nextRun: defineMetric({
    name: "scheduled_task_next_run_timestamp_seconds",
    help: "Unix time each schedule is due to run next; a value in the past means a missed run.",
    type: "gauge",
    labelNames: ["schedule"],
    maxSeries: MAX_SCHEDULE_SERIES,
  }),
} as const;

/** Scheduled jobs: runs by result, last run and next run timestamps. */
export function createScheduleMetrics(metrics: Metrics) {
  return createKit(metrics, SCHEDULE_METRICS);
}
