import type { WebhookAlert, WebhookPayload } from "@periscope/alerting/channels";

/** An Alertmanager v4 webhook body, as Alertmanager 0.25 sends it. */
export function payload(alerts: Partial<WebhookAlert>[], status: "firing" | "resolved" = "firing"): WebhookPayload {
  const full = alerts.map(
    (alert): WebhookAlert => ({
      status,
      labels: { alertname: "HighErrorRate", service: "api", severity: "critical" },
      annotations: { summary: "api 5xx ratio above 5%" },
      startsAt: "2026-01-01T00:00:00.000Z",
      endsAt: status === "resolved" ? "2026-01-01T00:10:00.000Z" : "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.local/graph",
      fingerprint: "0123456789abcdef",
      ...alert,
    }),
  );
  return {
    version: "4",
    groupKey: '{}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
    status,
    receiver: "notification-worker",
    groupLabels: { alertname: "HighErrorRate" },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: "http://alertmanager.local",
    alerts: full,
  };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
