import { collectDefaultMetrics, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { DEFAULT_METRICS } from "../dashboards/default-metrics.js";
import { buildDashboardFiles } from "../dashboards/index.js";
import { knownSeriesNames } from "../dashboards/known-metrics.js";
import { dashboardQueries, metricNames } from "../dashboards/queries.js";
import { RULES } from "./paths.js";

describe("metric names in dashboards", () => {
  it("are all defined by @periscope/metrics, @periscope/health, prom-client defaults or Prometheus itself", () => {
    const known = knownSeriesNames();
    const queries = buildDashboardFiles(RULES).flatMap((file) => dashboardQueries(file.dashboard as never));
    const unknown = queries.flatMap((query) =>
      metricNames(query.expr)
        .filter((name) => !known.has(name))
        .map((name) => `${name} (${query.dashboard}, ${query.where})`),
    );
    expect(unknown).toEqual([]);
    const used = new Set(queries.flatMap((query) => metricNames(query.expr)));
    expect(used.size).toBeGreaterThan(40);
  });

  it("would catch a name no source defines", () => {
    const known = knownSeriesNames();
    expect(metricNames("sum(rate(http_requests_totl[5m]))").filter((name) => !known.has(name))).toEqual([
      "http_requests_totl",
    ]);
  });

  it("take prom-client's default metric names from what a real registry exposes", async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const exposed = new Set((await registry.getMetricsAsJSON()).map((metric) => metric.name));
    for (const metric of Object.values(DEFAULT_METRICS)) expect(exposed, metric.name).toContain(metric.name);
  });
});
