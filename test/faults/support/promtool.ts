import { promtoolCheckMetrics } from "../../../packages/metrics/test/exposition.js";

/** prom-client's default metrics include three gauges named *_total; promtool flags them, and only them may be. */
const DOCUMENTED_FINDINGS = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

/** `promtool check metrics` findings on a scrape, minus the documented ones; [] when the exposition is valid. */
export function promtoolFindings(text: string): string[] {
  const { status, output } = promtoolCheckMetrics(text);
  const findings = output
    .split("\n")
    .filter((line) => line.trim() !== "" && !DOCUMENTED_FINDINGS.some((name) => line.startsWith(name)));
  if (status !== 0 && status !== 3) findings.push(`promtool exited ${status}: ${output.slice(0, 500)}`);
  return findings;
}
