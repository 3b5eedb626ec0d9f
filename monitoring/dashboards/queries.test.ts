import { describe, expect, it } from "vitest";
import { dashboardQueries, metricNames, toPlainPromql } from "./queries.js";

describe("metricNames", () => {
  it("finds the selected metrics, not functions, labels, keywords, strings or durations", () => {
    const expr =
      'histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{job=~"$job", route!="x_total"}[$__rate_interval])))' +
      " / on (instance) group_left (version) sum without (pid) (rate(up[5m] offset 1h)) > bool 1e3";
    expect(metricNames(expr).sort()).toEqual(["http_request_duration_seconds_bucket", "up"]);
  });

  it("finds both sides of a ratio and a bare selector", () => {
    expect(metricNames("sum(cache_hits_total) / (sum(cache_hits_total) + sum(cache_misses_total))").sort()).toEqual([
      "cache_hits_total",
      "cache_misses_total",
    ]);
    expect(metricNames('ALERTS{alertstate="firing"}')).toEqual(["ALERTS"]);
  });
});

describe("dashboardQueries", () => {
  it("collects targets of nested panels, the selector of label_values variables and annotation queries", () => {
    const queries = dashboardQueries({
      uid: "d",
      panels: [{ title: "a", targets: [{ expr: "up" }], panels: [{ title: "b", targets: [{ expr: "x" }] }] }],
      templating: {
        list: [
          { name: "job", type: "query", query: 'label_values(up{job=~"$job"}, job)' },
          { name: "ds", type: "datasource", query: "prometheus" },
        ],
      },
      annotations: { list: [{ name: "Alerts", expr: "ALERTS" }] },
    });
    expect(queries.map((query) => query.expr)).toEqual(["up", "x", 'up{job=~"$job"}', "ALERTS"]);
  });

  it("replaces Grafana's interval macros", () => {
    expect(toPlainPromql("rate(x[$__rate_interval]) + rate(y[$__interval])")).toBe("rate(x[5m]) + rate(y[1m])");
  });
});
