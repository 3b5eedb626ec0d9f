import type { Metrics } from "../create-metrics.js";
import { defineMetric } from "../definition.js";
import { createKit } from "../kit.js";

/**
 * No hit-ratio gauge: a ratio kept in-process says nothing about a time window and cannot be
 * summed across instances. Compute it in Prometheus:
 * `sum(rate(cache_hits_total[5m])) / (sum(rate(cache_hits_total[5m])) + sum(rate(cache_misses_total[5m])))`.
 */
export const CACHE_METRICS = {
  hits: defineMetric({
    name: "cache_hits_total",
    help: "Cache lookups that found an entry, by cache.",
    type: "counter",
    labelNames: ["cache"],
  }),
  misses: defineMetric({
    name: "cache_misses_total",
    help: "Cache lookups that found no entry, by cache.",
    type: "counter",
    labelNames: ["cache"],
  }),
  evictions: defineMetric({
    name: "cache_evictions_total",
    help: "Entries removed to make room or because they expired, by cache.",
    type: "counter",
    labelNames: ["cache"],
  }),
  entries: defineMetric({
    name: "cache_entries",
    help: "Entries held, by cache.",
    type: "gauge",
    labelNames: ["cache"],
  }),
  size: defineMetric({
    name: "cache_size_bytes",
    help: "Approximate memory held by the entries, by cache.",
    type: "gauge",
    labelNames: ["cache"],
  }),
} as const;

/** Caches: hits, misses, evictions, entries, size. */
export function createCacheMetrics(metrics: Metrics) {
  return createKit(metrics, CACHE_METRICS);
}
