import { NOTIFICATION_METRICS } from "@periscope/metrics";
import type { DashboardSpec } from "./build-dashboard.js";
import { stat, timeseries } from "./panels.js";
import { quantile, sumRate } from "./promql.js";

const deliveries = NOTIFICATION_METRICS.deliveries;

export const notifications: DashboardSpec = {
  uid: "periscope-notifications",
  title: "Periscope / Notifications",
  description: "Webhook and notification deliveries by channel: results, failures, dead letters and duration.",
  alerts: [],
  sections: [
    {
      title: "Deliveries",
      panels: [
        stat("Delivered per second", { expr: sumRate(deliveries, [], 'result="delivered"') }, { unit: "ops" }),
        stat(
          "Failure ratio",
          {
            expr: `${sumRate(deliveries, [], 'result=~"failed|dead_lettered"')} / ${sumRate(deliveries)}`,
          },
          { unit: "percentunit" },
        ),
        stat("Dead-lettered per second", { expr: sumRate(deliveries, [], 'result="dead_lettered"') }, { unit: "ops" }),
        stat("p95 delivery time", { expr: quantile(0.95, NOTIFICATION_METRICS.duration) }, { unit: "s" }),
        timeseries(
          "Attempts by channel and result",
          [{ expr: sumRate(deliveries, ["channel", "result"]), legend: "{{channel}} {{result}}" }],
          { unit: "ops" },
        ),
        timeseries(
          "Retries and dead letters by channel",
          [
            { expr: sumRate(deliveries, ["channel"], 'result="retried"'), legend: "retried {{channel}}" },
            { expr: sumRate(deliveries, ["channel"], 'result="dead_lettered"'), legend: "dead-lettered {{channel}}" },
          ],
          { unit: "ops" },
        ),
        timeseries(
          "Delivery time p50 / p95 by channel",
          [
            {
              expr: quantile(0.5, NOTIFICATION_METRICS.duration, ["channel"]),
              legend: "p50 {{channel}}",
              exemplar: true,
            },
            {
              expr: quantile(0.95, NOTIFICATION_METRICS.duration, ["channel"]),
              legend: "p95 {{channel}}",
              exemplar: true,
            },
          ],
          { unit: "s" },
        ),
      ],
    },
  ],
};
