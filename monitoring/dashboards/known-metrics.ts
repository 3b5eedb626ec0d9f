import { HEALTH_METRICS } from "@periscope/health";
import {
  AGENT_METRICS,
  API_KEY_METRICS,
  CACHE_METRICS,
  CHAIN_METRICS,
  DATABASE_METRICS,
  HTTP_METRICS,
  LLM_METRICS,
  NOTIFICATION_METRICS,
  SCHEDULE_METRICS,
  TASK_METRICS,
} from "@periscope/metrics";
import { DEFAULT_METRICS, PROMETHEUS_SERIES } from "./default-metrics.js";
import type { SeriesSource } from "./promql.js";

/** Where a metric name used in a dashboard or rule may come from. */
export const METRIC_SOURCES: Readonly<Record<string, Readonly<Record<string, SeriesSource>>>> = {
  "@periscope/metrics HTTP_METRICS": HTTP_METRICS,
  "@periscope/metrics TASK_METRICS": TASK_METRICS,
  "@periscope/metrics AGENT_METRICS": AGENT_METRICS,
  "@periscope/metrics CHAIN_METRICS": CHAIN_METRICS,
  "@periscope/metrics SCHEDULE_METRICS": SCHEDULE_METRICS,
  "@periscope/metrics CACHE_METRICS": CACHE_METRICS,
  "@periscope/metrics DATABASE_METRICS": DATABASE_METRICS,
  "@periscope/metrics LLM_METRICS": LLM_METRICS,
  "@periscope/metrics API_KEY_METRICS": API_KEY_METRICS,
  "@periscope/metrics NOTIFICATION_METRICS": NOTIFICATION_METRICS,
  "@periscope/health HEALTH_METRICS": HEALTH_METRICS,
  "prom-client default metrics": DEFAULT_METRICS,
  "Prometheus's own series (documented exception)": PROMETHEUS_SERIES,
};

/** Every series name the sources define: histograms contribute their _bucket, _sum and _count series. */
export function knownSeriesNames(): Set<string> {
  const names = new Set<string>();
  for (const source of Object.values(METRIC_SOURCES)) {
    for (const metric of Object.values(source)) {
      if (metric.type === "histogram") {
        for (const suffix of ["_bucket", "_sum", "_count"]) names.add(`${metric.name}${suffix}`);
      } else names.add(metric.name);
    }
  }
  return names;
}
