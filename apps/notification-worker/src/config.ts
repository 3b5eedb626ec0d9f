import { resolve } from "node:path";
import { DEFAULT_BULLMQ_QUEUE_NAME, type QueueSettings } from "./config-schema.js";

/** The start convention every app in apps/ follows: PORT and HOST, loopback by default. */
export interface ServerConfig {
  port: number;
  host: string;
}

export function readServerConfig(environment: NodeJS.ProcessEnv, defaultPort: number): ServerConfig {
  const port = environment.PORT === undefined || environment.PORT === "" ? defaultPort : Number(environment.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${environment.PORT}"`);
  }
  return { port, host: environment.HOST || "127.0.0.1" };
}

/** What the worker reads from its environment, once, at start-up. */
export interface WorkerEnvironment {
  dataDirectory: string;
  /** Bearer token for the write endpoints (ack, silences); none means open. */
  apiToken: string | undefined;
  /** Bearer token for POST /webhooks/alertmanager; none means open. */
  webhookToken: string | undefined;
  /** Path of the YAML config; none means the built-in default. */
  configPath: string | undefined;
  /** The built-in default sends to this webhook instead of the log when set. */
  alertWebhookUrl: string | undefined;
  alertWebhookSecret: string | undefined;
  /** A redis:// URL: deliveries go through a BullMQ queue there instead of the SQLite outbox (overrides `queue.url`). */
  queueUrl: string | undefined;
}

export function readWorkerEnvironment(environment: NodeJS.ProcessEnv): WorkerEnvironment {
  const value = (name: string) => environment[name] || undefined;
  return {
    dataDirectory: resolve(value("DATA_DIR") ?? "./data"),
    apiToken: value("WORKER_API_TOKEN"),
    webhookToken: value("WEBHOOK_TOKEN"),
    configPath: value("WORKER_CONFIG"),
    alertWebhookUrl: value("ALERT_WEBHOOK_URL"),
    alertWebhookSecret: value("ALERT_WEBHOOK_SECRET"),
    queueUrl: value("WORKER_QUEUE_URL"),
  };
}

/** WORKER_QUEUE_URL switches the queue to BullMQ on that Redis, keeping a configured queue name. */
export function queueFromEnvironment(queue: QueueSettings, queueUrl: string | undefined): QueueSettings {
  if (queueUrl === undefined) return queue;
  if (!/^rediss?:\/\/./.test(queueUrl)) {
    throw new Error(`WORKER_QUEUE_URL must be a redis:// or rediss:// URL, got "${queueUrl}"`);
  }
  return { kind: "bullmq", url: queueUrl, name: queue.kind === "bullmq" ? queue.name : DEFAULT_BULLMQ_QUEUE_NAME };
}
