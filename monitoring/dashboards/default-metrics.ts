/**
 * prom-client's default metrics the dashboards chart (`createMetrics({ defaultMetrics: true })`).
 * prom-client exports no name constants; known-metrics.test.ts checks each against a real registry.
 */
export const DEFAULT_METRICS = {
  cpuSeconds: { name: "process_cpu_seconds_total", type: "counter" },
  residentMemory: { name: "process_resident_memory_bytes", type: "gauge" },
  heapUsed: { name: "nodejs_heap_size_used_bytes", type: "gauge" },
  heapTotal: { name: "nodejs_heap_size_total_bytes", type: "gauge" },
  eventLoopLag: { name: "nodejs_eventloop_lag_seconds", type: "gauge" },
  eventLoopLagP99: { name: "nodejs_eventloop_lag_p99_seconds", type: "gauge" },
  startTime: { name: "process_start_time_seconds", type: "gauge" },
} as const;

/** Series Prometheus itself makes: scrape health and the state of alerting rules. */
export const PROMETHEUS_SERIES = {
  up: { name: "up", type: "gauge" },
  alerts: { name: "ALERTS", type: "gauge" },
} as const;
