import { createAlert } from "../../src/alerts/alert.js";

export const fastRetry = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 };

export function sampleAlert(annotations: Record<string, string> = {}) {
  return createAlert(
    {
      labels: { alertname: "HighErrorRate", service: "api", severity: "critical", team: "core" },
      annotations: {
        summary: "api 5xx ratio above 5%",
        description: "5xx ratio is 7.2% over 5m <for> the & api",
        runbook_url: "https://runbooks.example.com/HighErrorRate",
        ...annotations,
      },
      value: "0.072",
      generatorURL: "http://prometheus.local:9090/graph?g0.expr=x",
    },
    new Date("2026-03-01T10:00:00.000Z"),
  );
}
