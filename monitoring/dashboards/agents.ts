import { AGENT_METRICS } from "@periscope/metrics";
import type { DashboardSpec } from "./build-dashboard.js";
import { stat, timeseries } from "./panels.js";
import { series, sumRate } from "./promql.js";

const byAgent = (metric: typeof AGENT_METRICS.tasksCompleted) => `topk(10, ${sumRate(metric, ["agent_id"])})`;

export const agents: DashboardSpec = {
  uid: "periscope-agents",
  title: "Periscope / Agents",
  description: "Agents and workers: how many are registered and active, their trust scores and task outcomes.",
  alerts: ["NoActiveAgents"],
  sections: [
    {
      title: "Fleet",
      panels: [
        stat("Active agents", { expr: `sum(${series(AGENT_METRICS.active)})` }),
        stat("Registered agents", { expr: `sum(${series(AGENT_METRICS.registered)})` }),
        stat("Lowest trust score", { expr: `min(${series(AGENT_METRICS.trustScore)})` }, { unit: "percentunit" }),
        stat(
          "Agent failure ratio",
          {
            expr: `${sumRate(AGENT_METRICS.tasksFailed)} / (${sumRate(AGENT_METRICS.tasksCompleted)} + ${sumRate(AGENT_METRICS.tasksFailed)})`,
          },
          { unit: "percentunit" },
        ),
        timeseries("Active and registered", [
          { expr: `sum(${series(AGENT_METRICS.active)})`, legend: "active" },
          { expr: `sum(${series(AGENT_METRICS.registered)})`, legend: "registered" },
        ]),
        timeseries(
          "Lowest trust scores",
          [{ expr: `bottomk(10, max by (agent_id) (${series(AGENT_METRICS.trustScore)}))`, legend: "{{agent_id}}" }],
          { unit: "percentunit", min: 0, max: 1 },
        ),
      ],
    },
    {
      title: "Tasks by agent",
      panels: [
        timeseries(
          "Completed (top 10 agents)",
          [{ expr: byAgent(AGENT_METRICS.tasksCompleted), legend: "{{agent_id}}" }],
          {
            unit: "ops",
          },
        ),
        timeseries("Failed (top 10 agents)", [{ expr: byAgent(AGENT_METRICS.tasksFailed), legend: "{{agent_id}}" }], {
          unit: "ops",
        }),
      ],
    },
  ],
};
