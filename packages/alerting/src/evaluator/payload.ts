import type { WebhookAlert, WebhookPayload } from "../alert-payload.js";

function common(records: ReadonlyArray<Record<string, string>>): Record<string, string> {
  const [first, ...rest] = records;
  if (!first) return {};
  return Object.fromEntries(
    Object.entries(first).filter(([name, value]) => rest.every((record) => record[name] === value)),
  );
}

/** Alertmanager's webhook v4 body for one alertname group. */
export function toWebhookPayload(
  alertname: string,
  alerts: WebhookAlert[],
  receiver: string,
  externalURL: string,
): WebhookPayload {
  return {
    version: "4",
    groupKey: `{}:{alertname=${JSON.stringify(alertname)}}`,
    truncatedAlerts: 0,
    status: alerts.some((alert) => alert.status === "firing") ? "firing" : "resolved",
    receiver,
    groupLabels: { alertname },
    commonLabels: common(alerts.map((alert) => alert.labels)),
    commonAnnotations: common(alerts.map((alert) => alert.annotations)),
    externalURL,
    alerts,
  };
}
