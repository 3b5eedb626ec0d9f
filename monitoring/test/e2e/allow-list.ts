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
];

/** Metric names of rules and dashboards that neither app nor node_exporter exposes on /metrics, each with why. */
export const UNSCRAPED_ALLOWED = new Map<string, string>([
  ["up", "synthesised by Prometheus for each scrape target"],
  ["ALERTS", "synthesised by Prometheus from its alerting rules"],
]);
