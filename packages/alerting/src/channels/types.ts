import type { RedactionPolicy } from "@periscope/redact";
import type { Alert } from "../alerts/alert.js";
import type { Templates } from "../templates/render.js";
import type { RetryOptions } from "./retry.js";

/** What a delivery did. Channels never throw: every failure is a result. */
export interface DeliveryResult {
  ok: boolean;
  /** Requests made (0 when nothing was sent, e.g. after shutdown). */
  attempts: number;
  /** The last HTTP status, or SMTP response code for email. */
  status?: number;
  /** Whether trying again later may succeed (429, 5xx, network errors, timeouts, SMTP 4xx). */
  retryable?: boolean;
  /** Redacted. */
  error?: string;
  /** Set when the server asked to wait longer than `retry.maxRetryAfterMs`: the worker should requeue for then. */
  retryAfterMs?: number;
}

export interface SendOptions {
  /** Aborts the delivery, retries included. */
  signal?: AbortSignal;
}

export interface Channel {
  readonly kind: "slack" | "pagerduty" | "webhook" | "email";
  readonly name: string;
  send(alert: Alert, options?: SendOptions): Promise<DeliveryResult>;
  /** Idempotent; later sends return `{ ok: false, attempts: 0 }`. */
  shutdown(): Promise<void>;
}

export interface CommonChannelOptions {
  /** Used in results and errors. Defaults to the channel kind. */
  name?: string;
  /** Per attempt. Default 10 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Applied to labels, annotations and value before rendering, and to error messages. Default createRedactionPolicy(). */
  redaction?: RedactionPolicy;
  templates?: Templates;
}
