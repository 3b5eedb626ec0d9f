import { CHAIN_METRICS } from "@periscope/metrics";
import type { DashboardSpec } from "./build-dashboard.js";
import { stat, timeseries } from "./panels.js";
import { quantile, series, sumRate } from "./promql.js";

export const chains: DashboardSpec = {
  uid: "periscope-chains",
  title: "Periscope / Chains",
  description: "Chains (ordered multi-step workflows): outcomes, steps, duration and chains in progress.",
  alerts: [],
  sections: [
    {
      title: "Chains",
      panels: [
        stat("Chains in progress", { expr: `sum(${series(CHAIN_METRICS.active)})` }),
        stat("Finished per second", { expr: sumRate(CHAIN_METRICS.finished) }, { unit: "ops" }),
        stat(
          "Success ratio",
          {
            expr: `${sumRate(CHAIN_METRICS.finished, [], 'status="completed"')} / ${sumRate(CHAIN_METRICS.finished)}`,
          },
          { unit: "percentunit" },
        ),
        stat("p95 duration", { expr: quantile(0.95, CHAIN_METRICS.duration) }, { unit: "s" }),
        timeseries(
          "Finished by status",
          [{ expr: sumRate(CHAIN_METRICS.finished, ["status"]), legend: "{{status}}" }],
          {
            unit: "ops",
          },
        ),
        timeseries("Steps by status", [{ expr: sumRate(CHAIN_METRICS.steps, ["status"]), legend: "{{status}}" }], {
          unit: "ops",
        }),
        timeseries(
          "Duration p50 / p95 / p99",
          [0.5, 0.95, 0.99].map((q) => ({
            expr: quantile(q, CHAIN_METRICS.duration),
            legend: `p${q * 100}`,
            exemplar: true,
          })),
          { unit: "s" },
        ),
        timeseries("Chains in progress", [{ expr: `sum(${series(CHAIN_METRICS.active)})`, legend: "active" }]),
      ],
    },
  ],
};
