import { SCHEDULE_METRICS } from "@periscope/metrics";
import type { DashboardSpec } from "./build-dashboard.js";
import { stat, timeseries } from "./panels.js";
import { series, sumRate } from "./promql.js";

export const scheduledTasks: DashboardSpec = {
  uid: "periscope-scheduled-tasks",
  title: "Periscope / Scheduled tasks",
  description: "Interval and cron schedules: runs by result, time since the last run and overdue schedules.",
  alerts: ["ScheduledTaskMissed"],
  sections: [
    {
      title: "Schedules",
      panels: [
        stat("Schedules enabled", { expr: `sum(${series(SCHEDULE_METRICS.registered)})` }),
        stat("Runs per second", { expr: sumRate(SCHEDULE_METRICS.runs) }, { unit: "ops" }),
        stat(
          "Failure ratio",
          {
            expr: `${sumRate(SCHEDULE_METRICS.runs, [], 'result="failure"')} / ${sumRate(SCHEDULE_METRICS.runs)}`,
          },
          { unit: "percentunit" },
        ),
        stat(
          "Schedules overdue",
          {
            expr: `count((time() - max by (schedule) (${series(SCHEDULE_METRICS.nextRun)})) > 60) or vector(0)`,
          },
          { description: "Schedules whose next run is more than a minute in the past." },
        ),
        timeseries("Runs by result", [{ expr: sumRate(SCHEDULE_METRICS.runs, ["result"]), legend: "{{result}}" }], {
          unit: "ops",
        }),
        timeseries(
          "Failed runs by schedule",
          [{ expr: sumRate(SCHEDULE_METRICS.runs, ["schedule"], 'result="failure"'), legend: "{{schedule}}" }],
          { unit: "ops" },
        ),
        timeseries(
          "Time since last run",
          [{ expr: `time() - max by (schedule) (${series(SCHEDULE_METRICS.lastRun)})`, legend: "{{schedule}}" }],
          { unit: "s" },
        ),
        timeseries(
          "Time until next run (negative: overdue)",
          [{ expr: `max by (schedule) (${series(SCHEDULE_METRICS.nextRun)}) - time()`, legend: "{{schedule}}" }],
          { unit: "s" },
        ),
      ],
    },
  ],
};
