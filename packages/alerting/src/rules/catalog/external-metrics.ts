/**
 * Metrics that @periscope/metrics does not define: prom-client's default process metrics,
 * node_exporter's filesystem metrics and @periscope/health's check status. Named here once, like
 * the kits name theirs. @periscope/health is not a dependency (the design lets alerting import
 * only @periscope/metrics and @periscope/redact); a test holds this name equal to its HEALTH_METRICS.
 */
export const HEALTH_CHECK_METRICS = {
  checkStatus: { name: "health_check_status" },
} as const;

export const PROCESS_METRICS = {
  residentMemory: { name: "process_resident_memory_bytes" },
} as const;

export const NODE_EXPORTER_METRICS = {
  filesystemAvailable: { name: "node_filesystem_avail_bytes" },
  filesystemSize: { name: "node_filesystem_size_bytes" },
} as const;
