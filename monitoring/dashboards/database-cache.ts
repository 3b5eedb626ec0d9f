import { HEALTH_METRICS } from "@periscope/health";
import { CACHE_METRICS, DATABASE_METRICS } from "@periscope/metrics";
import type { DashboardSpec } from "./build-dashboard.js";
import { stat, timeseries } from "./panels.js";
import { quantile, series, sumRate } from "./promql.js";

const hitRatio = (by: string[] = []) =>
  `${sumRate(CACHE_METRICS.hits, by)} / (${sumRate(CACHE_METRICS.hits, by)} + ${sumRate(CACHE_METRICS.misses, by)})`;
const poolUsage = (by: string[] = []) => {
  const grouping = by.length > 0 ? ` by (${by.join(", ")})` : "";
  return `sum${grouping} (${series(DATABASE_METRICS.connectionsActive)}) / sum${grouping} (${series(DATABASE_METRICS.connectionsMax)})`;
};

export const databaseCache: DashboardSpec = {
  uid: "periscope-database-cache",
  title: "Periscope / Database and cache",
  description:
    "Queries, latency, errors and the connection pool of each database; hit ratio, evictions and size of each cache.",
  alerts: ["DatabaseUnhealthy", "DatabasePoolNearlyExhausted", "LowCacheHitRate"],
  sections: [
    {
      title: "Database",
      panels: [
        stat("Queries per second", { expr: sumRate(DATABASE_METRICS.queries) }, { unit: "ops" }),
        stat("Query p95", { expr: quantile(0.95, DATABASE_METRICS.queryDuration) }, { unit: "s" }),
        stat("Pool in use", { expr: poolUsage() }, { unit: "percentunit" }),
        stat(
          "Database check failing",
          {
            expr: `max(${series(HEALTH_METRICS.checkStatus, { match: 'check="database", status="fail"' })}) or vector(0)`,
          },
          { description: "1 while the database health check fails." },
        ),
        timeseries(
          "Queries by operation",
          [
            {
              expr: sumRate(DATABASE_METRICS.queries, ["database", "operation"]),
              legend: "{{database}} {{operation}}",
            },
          ],
          { unit: "ops" },
        ),
        timeseries(
          "Query latency p50 / p95 by operation",
          [
            {
              expr: quantile(0.5, DATABASE_METRICS.queryDuration, ["operation"]),
              legend: "p50 {{operation}}",
              exemplar: true,
            },
            {
              expr: quantile(0.95, DATABASE_METRICS.queryDuration, ["operation"]),
              legend: "p95 {{operation}}",
              exemplar: true,
            },
          ],
          { unit: "s" },
        ),
        timeseries(
          "Errors by type",
          [
            {
              expr: sumRate(DATABASE_METRICS.errors, ["operation", "error_type"]),
              legend: "{{operation}} {{error_type}}",
            },
          ],
          { unit: "ops" },
        ),
        timeseries("Connection pool", [
          { expr: `sum by (database) (${series(DATABASE_METRICS.connectionsActive)})`, legend: "active {{database}}" },
          { expr: `sum by (database) (${series(DATABASE_METRICS.connectionsMax)})`, legend: "max {{database}}" },
        ]),
      ],
    },
    {
      title: "Cache",
      panels: [
        timeseries("Hit ratio by cache", [{ expr: hitRatio(["cache"]), legend: "{{cache}}" }], {
          unit: "percentunit",
          min: 0,
          max: 1,
          description: "hits / (hits + misses), computed in Prometheus over the rate window.",
        }),
        timeseries(
          "Hits and misses",
          [
            { expr: sumRate(CACHE_METRICS.hits, ["cache"]), legend: "hits {{cache}}" },
            { expr: sumRate(CACHE_METRICS.misses, ["cache"]), legend: "misses {{cache}}" },
          ],
          { unit: "ops" },
        ),
        timeseries("Evictions", [{ expr: sumRate(CACHE_METRICS.evictions, ["cache"]), legend: "{{cache}}" }], {
          unit: "ops",
        }),
        timeseries("Entries and size", [
          { expr: `sum by (cache) (${series(CACHE_METRICS.entries)})`, legend: "entries {{cache}}" },
          { expr: `sum by (cache) (${series(CACHE_METRICS.size)})`, legend: "bytes {{cache}}" },
        ]),
      ],
    },
  ],
};
