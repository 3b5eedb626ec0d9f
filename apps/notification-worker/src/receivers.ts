import {
  type Alert,
  type Channel,
  createEmailChannel,
  createPagerDutyChannel,
  createSlackChannel,
  createWebhookChannel,
  type DeliveryResult,
} from "@periscope/alerting/channels";
import type { Logger } from "@periscope/logging";
import type { ReceiverConfig } from "./config-schema.js";

export interface ReceiverSendOptions {
  /** `${fingerprint}:${status}:${startsAt}:${receiver}`; sent to receivers that can carry it. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

/** A configured destination. One attempt per send: the delivery loop owns retries, so they survive a restart. */
export interface Receiver {
  name: string;
  kind: ReceiverConfig["type"];
  send(alert: Alert, options: ReceiverSendOptions): Promise<DeliveryResult>;
  shutdown(): Promise<void>;
}

// maxRetryAfterMs 0: the channel never waits out a Retry-After itself, it hands every one to the delivery
// loop (result.retryAfterMs), which reschedules the row; by default one under 30 s was dropped with one attempt.
const oneAttempt = { maxAttempts: 1, maxRetryAfterMs: 0 };

function fromChannel(channel: Channel): Receiver {
  return {
    name: channel.name,
    kind: channel.kind,
    send: (alert, options) => channel.send(alert, { signal: options.signal }),
    shutdown: () => channel.shutdown(),
  };
}

/** The generic webhook carries the idempotency key in an `Idempotency-Key` header; its headers are fixed per channel, so one is made per send. */
function webhookReceiver(config: Extract<ReceiverConfig, { type: "webhook" }>, timeoutMs: number): Receiver {
  // Built once now so a bad url or secret fails at start-up, not at the first alert.
  void createWebhookChannel({ url: config.url, secret: config.secret, headers: config.headers, timeoutMs }).shutdown();
  let closed = false;
  return {
    name: config.name,
    kind: "webhook",
    async send(alert, options) {
      if (closed) return { ok: false, attempts: 0, retryable: true, error: `${config.name}: receiver is shut down` };
      const channel = createWebhookChannel({
        name: config.name,
        url: config.url,
        secret: config.secret,
        headers: { ...config.headers, "Idempotency-Key": options.idempotencyKey },
        timeoutMs,
        retry: oneAttempt,
      });
      return channel.send(alert, { signal: options.signal });
    },
    async shutdown() {
      closed = true;
    },
  };
}

function logReceiver(name: string, logger: Logger): Receiver {
  return {
    name,
    kind: "log",
    async send(alert, options) {
      logger.info(`alert ${alert.state === "resolved" ? "resolved" : "firing"}: ${alert.labels.alertname}`, {
        receiver: name,
        idempotency_key: options.idempotencyKey,
        fingerprint: alert.fingerprint,
        state: alert.state,
        labels: alert.labels,
        annotations: alert.annotations,
        starts_at: alert.startsAt,
        ends_at: alert.endsAt,
      });
      return { ok: true, attempts: 1 };
    },
    async shutdown() {},
  };
}

/** Builds every receiver of the config; throws (naming the receiver) when one cannot be built. */
export function createReceivers(configs: readonly ReceiverConfig[], logger: Logger, timeoutMs: number) {
  const receivers = new Map<string, Receiver>();
  for (const config of configs) {
    const common = { name: config.name, timeoutMs, retry: oneAttempt };
    try {
      const receiver =
        config.type === "log"
          ? logReceiver(config.name, logger)
          : config.type === "webhook"
            ? webhookReceiver(config, timeoutMs)
            : config.type === "slack"
              ? fromChannel(createSlackChannel({ ...common, webhookUrl: config.webhookUrl }))
              : config.type === "pagerduty"
                ? fromChannel(createPagerDutyChannel({ ...common, routingKey: config.routingKey, url: config.url }))
                : fromChannel(createEmailChannel({ ...common, smtp: config.smtp, from: config.from, to: config.to }));
      receivers.set(config.name, receiver);
    } catch (error) {
      throw new Error(`receiver "${config.name}": ${(error as Error).message}`);
    }
  }
  return receivers;
}
