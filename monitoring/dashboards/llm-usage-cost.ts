import { LLM_METRICS } from "@periscope/metrics";
import type { DashboardSpec } from "./build-dashboard.js";
import { stat, timeseries } from "./panels.js";
import { quantile, sumIncrease, sumRate } from "./promql.js";

const VENDOR = 'provider=~"$provider"';
const hourly = (metric: typeof LLM_METRICS.cost, by: string[] = []) => sumIncrease(metric, "1h", by, VENDOR);
const drift = (by: string[] = []) =>
  `${sumRate(LLM_METRICS.estimatedCost, by, VENDOR)} / ${sumRate(LLM_METRICS.cost, by, VENDOR)} - 1`;

export const llmUsageCost: DashboardSpec = {
  uid: "periscope-llm-usage-cost",
  title: "Periscope / LLM usage and cost",
  description:
    "Model provider calls by vendor and model: volume, success, latency, tokens, billed and estimated cost, drift, fallbacks and policies.",
  alerts: [
    "LLMProviderErrors",
    "ModelSuccessRateDrop",
    "ModelFallbackSpike",
    "CostEstimateDrift",
    "HighPolicyViolationRate",
  ],
  variables: [{ name: "provider", label: "Vendor", metric: LLM_METRICS.requests }],
  sections: [
    {
      title: "Usage",
      panels: [
        stat("Calls per second", { expr: sumRate(LLM_METRICS.requests, [], VENDOR) }, { unit: "reqps" }),
        stat(
          "Success ratio",
          {
            expr: `${sumRate(LLM_METRICS.requests, [], `${VENDOR}, status="success"`)} / ${sumRate(LLM_METRICS.requests, [], VENDOR)}`,
          },
          { unit: "percentunit" },
        ),
        stat("Cost, last hour", { expr: hourly(LLM_METRICS.cost) }, { unit: "currencyUSD" }),
        stat(
          "Estimate drift",
          { expr: drift() },
          {
            unit: "percentunit",
            description: "Estimated cost over billed cost, minus one: positive means estimates run high.",
          },
        ),
        timeseries(
          "Calls by vendor, model and status",
          [
            {
              expr: sumRate(LLM_METRICS.requests, ["provider", "model", "status"], VENDOR),
              legend: "{{provider}} {{model}} {{status}}",
            },
          ],
          { unit: "reqps" },
        ),
        timeseries(
          "Success ratio by model",
          [
            {
              expr: `${sumRate(LLM_METRICS.requests, ["model"], `${VENDOR}, status="success"`)} / ${sumRate(LLM_METRICS.requests, ["model"], VENDOR)}`,
              legend: "{{model}}",
            },
          ],
          { unit: "percentunit", min: 0, max: 1 },
        ),
        timeseries(
          "Latency p50 / p95 by model",
          [
            { expr: quantile(0.5, LLM_METRICS.duration, ["model"], VENDOR), legend: "p50 {{model}}", exemplar: true },
            { expr: quantile(0.95, LLM_METRICS.duration, ["model"], VENDOR), legend: "p95 {{model}}", exemplar: true },
          ],
          { unit: "s" },
        ),
        timeseries(
          "Tokens by type",
          [{ expr: sumRate(LLM_METRICS.tokens, ["provider", "type"], VENDOR), legend: "{{provider}} {{type}}" }],
          { unit: "short", description: "Tokens per second." },
        ),
      ],
    },
    {
      title: "Cost",
      panels: [
        timeseries(
          "Cost per hour: billed and estimated",
          [
            { expr: hourly(LLM_METRICS.cost, ["provider"]), legend: "billed {{provider}}" },
            { expr: hourly(LLM_METRICS.estimatedCost, ["provider"]), legend: "estimated {{provider}}" },
          ],
          { unit: "currencyUSD" },
        ),
        timeseries("Estimate drift by model", [{ expr: drift(["model"]), legend: "{{model}}" }], {
          unit: "percentunit",
          description: "CostEstimateDrift fires when its absolute value stays above 25% over an hour.",
        }),
        timeseries(
          "Model selections by strategy",
          [{ expr: sumRate(LLM_METRICS.modelSelections, ["model", "strategy"]), legend: "{{model}} {{strategy}}" }],
          { unit: "ops" },
        ),
      ],
    },
    {
      title: "Errors and policies",
      panels: [
        timeseries(
          "Errors by vendor and type",
          [
            {
              expr: sumRate(LLM_METRICS.errors, ["provider", "error_type"], VENDOR),
              legend: "{{provider}} {{error_type}}",
            },
          ],
          { unit: "ops" },
        ),
        timeseries(
          "Fallbacks",
          [
            {
              expr: sumRate(LLM_METRICS.fallbacks, ["from_model", "to_model"]),
              legend: "{{from_model}} → {{to_model}}",
            },
          ],
          { unit: "ops" },
        ),
        timeseries(
          "Policy evaluations by result",
          [{ expr: sumRate(LLM_METRICS.policyEvaluations, ["policy", "result"]), legend: "{{policy}} {{result}}" }],
          { unit: "ops" },
        ),
        timeseries(
          "Policy violations",
          [{ expr: sumRate(LLM_METRICS.policyViolations, ["policy"]), legend: "{{policy}}" }],
          { unit: "ops" },
        ),
      ],
    },
  ],
};
