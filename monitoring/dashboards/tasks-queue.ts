import { TASK_METRICS } from "@periscope/metrics";
import type { DashboardSpec } from "./build-dashboard.js";
import { stat, timeseries } from "./panels.js";
import { quantile, series, sumRate } from "./promql.js";

export const tasksQueue: DashboardSpec = {
  uid: "periscope-tasks-queue",
  title: "Periscope / Tasks and queue",
  description: "Background tasks: throughput, failures, duration, the waiting queue, retries and timeouts.",
  alerts: ["TaskQueueDepthHigh"],
  sections: [
    {
      title: "Queue",
      panels: [
        stat("Tasks waiting", { expr: `sum(${series(TASK_METRICS.inQueue)})` }),
        stat("Created per second", { expr: sumRate(TASK_METRICS.created) }, { unit: "ops" }),
        stat(
          "Failure ratio",
          {
            expr: `${sumRate(TASK_METRICS.failed)} / (${sumRate(TASK_METRICS.completed)} + ${sumRate(TASK_METRICS.failed)})`,
          },
          { unit: "percentunit" },
        ),
        stat("Retries per second", { expr: sumRate(TASK_METRICS.retries) }, { unit: "ops" }),
        timeseries("Tasks waiting by priority", [
          { expr: `sum by (priority) (${series(TASK_METRICS.inQueue)})`, legend: "{{priority}}" },
        ]),
        timeseries(
          "Created by type and priority",
          [{ expr: sumRate(TASK_METRICS.created, ["task_type", "priority"]), legend: "{{task_type}} {{priority}}" }],
          { unit: "ops" },
        ),
      ],
    },
    {
      title: "Outcomes",
      panels: [
        timeseries(
          "Completed and failed",
          [
            { expr: sumRate(TASK_METRICS.completed, ["task_type"]), legend: "completed {{task_type}}" },
            { expr: sumRate(TASK_METRICS.failed, ["task_type"]), legend: "failed {{task_type}}" },
          ],
          { unit: "ops" },
        ),
        timeseries("Failures by reason", [{ expr: sumRate(TASK_METRICS.failed, ["reason"]), legend: "{{reason}}" }], {
          unit: "ops",
        }),
        timeseries(
          "Duration p50 / p95 by type",
          [
            { expr: quantile(0.5, TASK_METRICS.duration, ["task_type"]), legend: "p50 {{task_type}}", exemplar: true },
            { expr: quantile(0.95, TASK_METRICS.duration, ["task_type"]), legend: "p95 {{task_type}}", exemplar: true },
          ],
          { unit: "s" },
        ),
        timeseries(
          "Retries and timeouts",
          [
            { expr: sumRate(TASK_METRICS.retries, ["task_type"]), legend: "retries {{task_type}}" },
            { expr: sumRate(TASK_METRICS.timeouts, ["task_type"]), legend: "timeouts {{task_type}}" },
          ],
          { unit: "ops" },
        ),
      ],
    },
  ],
};
