import { HEALTH_METRICS } from "@periscope/health";
import { HTTP_METRICS } from "@periscope/metrics";
import type { DashboardSpec } from "./build-dashboard.js";
import { DEFAULT_METRICS, PROMETHEUS_SERIES } from "./default-metrics.js";
import { stat, timeseries } from "./panels.js";
import { quantile, series, sumRate } from "./promql.js";

const requests = HTTP_METRICS.requests;
const errors = (by: string[] = []) => `${sumRate(requests, by, 'status_code=~"5.."')} / ${sumRate(requests, by)}`;
const latency = (by: string[] = []) =>
  [0.5, 0.95, 0.99].map((q) => ({
    expr: quantile(q, HTTP_METRICS.duration, by),
    legend: by.length > 0 ? `p${q * 100} {{${by.join("}} {{")}}}` : `p${q * 100}`,
    exemplar: true,
  }));

export const serviceOverview: DashboardSpec = {
  uid: "periscope-service-overview",
  title: "Periscope / Service overview",
  description: "Requests, errors and latency (RED), saturation and the Node.js runtime of the selected services.",
  alerts: [
    "ServiceDown",
    "HighErrorRate",
    "CriticalErrorRate",
    "HighLatency",
    "SLOAvailabilityBurn",
    "SLOLatencyBurn",
    "HighMemoryUsage",
    "DiskSpaceLow",
  ],
  sections: [
    {
      title: "Golden signals",
      panels: [
        stat("Request rate", { expr: sumRate(requests) }, { unit: "reqps" }),
        stat("Error ratio (5xx)", { expr: errors() }, { unit: "percentunit" }),
        stat("p95 latency", { expr: quantile(0.95, HTTP_METRICS.duration) }, { unit: "s" }),
        stat("Targets up", { expr: `sum(${series(PROMETHEUS_SERIES.up)})` }),
      ],
    },
    {
      title: "HTTP",
      panels: [
        timeseries(
          "Request rate by status",
          [{ expr: sumRate(requests, ["status_code"]), legend: "{{status_code}}" }],
          {
            unit: "reqps",
          },
        ),
        timeseries("Error ratio (5xx) by route", [{ expr: errors(["route"]), legend: "{{route}}" }], {
          unit: "percentunit",
          min: 0,
        }),
        timeseries("Latency p50 / p95 / p99", latency(), {
          unit: "s",
          description: "Exemplars (dots) carry the trace id of a request in that bucket: click one to open its trace.",
        }),
        timeseries(
          "p95 latency by route",
          [{ expr: quantile(0.95, HTTP_METRICS.duration, ["route"]), legend: "{{route}}", exemplar: true }],
          { unit: "s" },
        ),
        timeseries("In-flight requests", [
          { expr: `sum by (instance) (${series(HTTP_METRICS.inProgress)})`, legend: "{{instance}}" },
        ]),
        timeseries(
          "Request rate by route",
          [{ expr: sumRate(requests, ["method", "route"]), legend: "{{method}} {{route}}" }],
          {
            unit: "reqps",
          },
        ),
      ],
    },
    {
      title: "Runtime",
      panels: [
        timeseries(
          "CPU",
          [
            {
              expr: `sum by (instance) (rate(${series(DEFAULT_METRICS.cpuSeconds)}[$__rate_interval]))`,
              legend: "{{instance}}",
            },
          ],
          { unit: "percentunit", description: "CPU seconds per second: 1 is one full core." },
        ),
        timeseries(
          "Memory",
          [
            { expr: `sum by (instance) (${series(DEFAULT_METRICS.residentMemory)})`, legend: "resident {{instance}}" },
            { expr: `sum by (instance) (${series(DEFAULT_METRICS.heapUsed)})`, legend: "heap used {{instance}}" },
            { expr: `sum by (instance) (${series(DEFAULT_METRICS.heapTotal)})`, legend: "heap total {{instance}}" },
          ],
          { unit: "bytes" },
        ),
        timeseries(
          "Event loop lag",
          [
            { expr: `max by (instance) (${series(DEFAULT_METRICS.eventLoopLagP99)})`, legend: "p99 {{instance}}" },
            { expr: `max by (instance) (${series(DEFAULT_METRICS.eventLoopLag)})`, legend: "last {{instance}}" },
          ],
          { unit: "s" },
        ),
        timeseries(
          "Health checks not passing",
          [
            {
              expr: `sum by (check, status) (${series(HEALTH_METRICS.checkStatus, { match: 'status!="pass"' })})`,
              legend: "{{check}} {{status}}",
            },
          ],
          { description: "1 while a check of /health reports warn or fail." },
        ),
      ],
    },
  ],
};
