import { alertFingerprint, type WebhookAlert } from "../alert-payload.js";

export type AlertState = "firing" | "acknowledged" | "resolved" | "silenced";

/** One alert as the worker stores it: its labels, what it says, and where it is in its lifecycle. Serialisable. */
export interface Alert {
  /** 16 hex chars, stable over the sorted label set (alertFingerprint). */
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The measured value, when the source gave one (else `annotations.value` is used by templates). */
  value?: number | string;
  state: AlertState;
  /** Start of the current firing episode (RFC 3339). */
  startsAt: string;
  /** When it resolved (RFC 3339). */
  endsAt?: string;
  generatorURL?: string;
  /** Last state change (RFC 3339). */
  updatedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  silencedAt?: string;
  silencedUntil?: string;
  silencedBy?: string;
}

export interface AlertInput {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  value?: number | string;
  startsAt?: Date | string;
  generatorURL?: string;
}

function stringRecord(value: unknown, what: string): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object of strings, got ${value === null ? "null" : typeof value}`);
  }
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== "string") throw new TypeError(`${what}.${key} must be a string, got ${typeof entry}`);
    out[key] = entry;
  }
  return out;
}

function toIso(value: Date | string | undefined, fallback: Date, what: string): string {
  if (value === undefined) return fallback.toISOString();
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`${what} must be a valid date, got ${String(value)}`);
  return date.toISOString();
}

/** A firing alert from labels and annotations; throws a TypeError naming the field when input is malformed. */
export function createAlert(input: AlertInput, now: Date = new Date()): Alert {
  if (input === null || typeof input !== "object") throw new TypeError("createAlert(input): input must be an object");
  const labels = stringRecord(input.labels, "labels");
  if (!labels.alertname) throw new TypeError("labels.alertname is required");
  const value = input.value;
  if (value !== undefined && typeof value !== "number" && typeof value !== "string") {
    throw new TypeError(`value must be a number or a string, got ${typeof value}`);
  }
  const alert: Alert = {
    fingerprint: alertFingerprint(labels),
    labels,
    annotations: stringRecord(input.annotations, "annotations"),
    state: "firing",
    startsAt: toIso(input.startsAt, now, "startsAt"),
    updatedAt: now.toISOString(),
  };
  if (value !== undefined) alert.value = value;
  if (input.generatorURL !== undefined) alert.generatorURL = String(input.generatorURL);
  return alert;
}

const zeroTime = "0001-01-01T00:00:00Z";

/** An alert from one entry of an Alertmanager v4 webhook payload (the fingerprint is recomputed from the labels). */
export function alertFromWebhook(webhookAlert: WebhookAlert, now: Date = new Date()): Alert {
  if (webhookAlert === null || typeof webhookAlert !== "object") {
    throw new TypeError("alertFromWebhook(alert): alert must be an object");
  }
  if (webhookAlert.status !== "firing" && webhookAlert.status !== "resolved") {
    throw new TypeError(`status must be "firing" or "resolved", got ${String(webhookAlert.status)}`);
  }
  const alert = createAlert(
    {
      labels: webhookAlert.labels,
      annotations: webhookAlert.annotations,
      startsAt: webhookAlert.startsAt,
      generatorURL: webhookAlert.generatorURL,
    },
    now,
  );
  if (webhookAlert.status === "resolved") {
    alert.state = "resolved";
    const ended = webhookAlert.endsAt && webhookAlert.endsAt !== zeroTime ? webhookAlert.endsAt : undefined;
    alert.endsAt = toIso(ended, now, "endsAt");
  }
  return alert;
}

/** The alert back in Alertmanager's v4 shape (acknowledged and silenced count as firing there). */
export function alertToWebhook(alert: Alert): WebhookAlert {
  const resolved = alert.state === "resolved";
  return {
    status: resolved ? "resolved" : "firing",
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    startsAt: alert.startsAt,
    endsAt: resolved && alert.endsAt ? alert.endsAt : zeroTime,
    generatorURL: alert.generatorURL ?? "",
    fingerprint: alert.fingerprint,
  };
}
