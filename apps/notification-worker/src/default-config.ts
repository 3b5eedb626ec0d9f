import type { WorkerEnvironment } from "./config.js";
import { type WorkerConfig, withDefaults } from "./config-schema.js";

/**
 * The config used when WORKER_CONFIG is not set: every alert to one receiver, a `log` receiver
 * (alerts written through the logger) or, with ALERT_WEBHOOK_URL, a signed webhook.
 */
export function defaultWorkerConfig(environment: Pick<WorkerEnvironment, "alertWebhookUrl" | "alertWebhookSecret">) {
  const { alertWebhookUrl: url, alertWebhookSecret: secret } = environment;
  if (url !== undefined) {
    if (secret === undefined) {
      throw new Error(
        "ALERT_WEBHOOK_URL is set but ALERT_WEBHOOK_SECRET is not: the webhook receiver signs every request",
      );
    }
    return withDefaults(
      { receivers: [{ name: "webhook", type: "webhook", url, secret }], route: { receiver: "webhook" } },
      "built-in default (ALERT_WEBHOOK_URL)",
    );
  }
  return withDefaults(
    { receivers: [{ name: "log", type: "log" }], route: { receiver: "log" } },
    "built-in default (log receiver)",
  ) satisfies WorkerConfig;
}
