import { createHash } from "node:crypto";

/** One alert as Alertmanager's webhook (version 4) carries it. */
export interface WebhookAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string; // RFC 3339
  endsAt: string; // RFC 3339; "0001-01-01T00:00:00Z" while firing
  generatorURL: string;
  fingerprint: string; // 16 hex chars, stable over the sorted label set
}

/** Alertmanager's webhook payload, version 4. */
export interface WebhookPayload {
  version: "4";
  groupKey: string;
  truncatedAlerts: number;
  status: "firing" | "resolved";
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

/** sha256 of the sorted `name\xffvalue\xff` pairs, first 16 hex chars: the same label set always gives the same id. */
export function alertFingerprint(labels: Record<string, string>): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(labels).sort()) {
    hash.update(`${name}\xff${labels[name]}\xff`);
  }
  return hash.digest("hex").slice(0, 16);
}
