/**
 * Dashboard expressions allowed to return no data over the end-to-end test's traffic, each with why.
 * Matched against the expression as written in the dashboard JSON; anything else that is empty fails the
 * test, and so does an entry no empty expression needed (a stale entry).
 */
export const EMPTY_ALLOWED: Array<{ matches: RegExp; reason: string }> = [
  {
    matches: /^ALERTS\{alertstate="firing", alertname=~"(?![^"]*\bHighErrorRate\b)[^"]*"\}$/,
    reason:
      "firing-alert tables of dashboards whose alerts stay quiet in a healthy minute; the service overview's (HighErrorRate) must show data",
  },
  {
    matches: /^changes\(process_start_time_seconds\{[^}]*\}\[2m\]\) > 0$/,
    reason: "the restarts annotation: no process restarts during the test",
  },
  {
    matches: /\bdb_errors_total\b/,
    reason: "no query fails on the local SQLite file in a healthy run",
  },
  {
    matches: /\bscheduled_task_runs_total\{[^}]*result="failure"/,
    reason:
      "a schedule run fails only when creating its task fails (a database error), which a healthy run has none of",
  },
  {
    matches: /\bnotification_deliveries_total\{[^}]*result(=~"failed\|dead_lettered"|="retried"|="dead_lettered")/,
    reason: "the Slack stand-in accepts every message, so no delivery is retried or dead-lettered",
  },
];

/** Metric names of rules and dashboards that neither app exposes on /metrics, each with why. */
export const UNSCRAPED_ALLOWED = new Map<string, string>([
  ["up", "synthesised by Prometheus for each scrape target"],
  ["ALERTS", "synthesised by Prometheus from its alerting rules"],
  ["node_filesystem_avail_bytes", "node_exporter's, for DiskSpaceLow; node_exporter is not part of this setup"],
  ["node_filesystem_size_bytes", "node_exporter's, for DiskSpaceLow; node_exporter is not part of this setup"],
]);
