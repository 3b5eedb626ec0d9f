import { createEscalationPolicy, createRouter } from "@periscope/alerting/channels";
import type { Health } from "@periscope/health";
import type { Logger } from "@periscope/logging";
import type { Metrics } from "@periscope/metrics";
import { createRedactionPolicy } from "@periscope/redact";
import type { TracingHandle } from "@periscope/tracing";
import type express from "express";
import { createAlertEngine } from "./alert-engine.js";
import { createAlertsRepository } from "./alerts-repository.js";
import { createWorkerApp } from "./app.js";
import { createBullmqDelivery } from "./bullmq-delivery.js";
import type { WorkerConfig } from "./config-schema.js";
import { createChangeFeed } from "./console/change-feed.js";
import { createConsoleAuth } from "./console/console-auth.js";
import { consoleRouter } from "./console/console-router.js";
import { type Db, openDatabase } from "./database.js";
import { createDeadLetterRetry } from "./dead-letter-retry.js";
import { createDeliveriesRepository } from "./deliveries-repository.js";
import { createDeliveryLoop } from "./delivery-loop.js";
import { startEscalationTimer } from "./escalation-timer.js";
import { createReceivers } from "./receivers.js";
import { createSilencesRepository } from "./silences-repository.js";
import { createTimelineRepository } from "./timeline-repository.js";
import { createWorkerMetrics } from "./worker-metrics.js";

export interface WorkerOptions {
  config: WorkerConfig;
  dataDirectory: string;
  logger: Logger;
  metrics: Metrics;
  health?: Health;
  tracing?: TracingHandle;
  apiToken?: string;
  webhookToken?: string;
  /** Background failures (a delivery tick, an escalation pass). Default: logged. */
  onError?: (error: unknown) => void;
}

export interface Worker {
  app: express.Express;
  db: Db;
  /** Reclaims deliveries a crash left in flight and starts the delivery loop and the escalation timer. */
  start(): { reclaimed: number };
  /** Ends the console's live streams, so a draining server is not held open by them. Idempotent. */
  closeLiveStreams(): void;
  /** Stops the timers, waits for sends in flight, closes receivers and the database. Idempotent. */
  shutdown(): Promise<void>;
}

export function createWorker(options: WorkerOptions): Worker {
  const { config, logger } = options;
  const onError = options.onError ?? ((error: unknown) => logger.error("worker: background failure", { err: error }));
  const receivers = createReceivers(config.receivers, logger, config.delivery.timeoutMs);
  const db = openDatabase(options.dataDirectory);
  const alerts = createAlertsRepository(db);
  const deliveries = createDeliveriesRepository(db);
  const silences = createSilencesRepository(db);
  const timeline = createTimelineRepository(db);
  const engine = createAlertEngine(config, { db, alerts, deliveries, silences, timeline });
  const redaction = createRedactionPolicy();
  const versionOf = db.prepare<[], { alerts: string | null; deliveries: string | null; events: number | null }>(
    `SELECT (SELECT MAX(updated_at) FROM alerts) AS alerts, (SELECT MAX(updated_at) FROM deliveries) AS deliveries,
       (SELECT MAX(id) FROM alert_events) AS events`,
  );
  const feed = createChangeFeed({ version: () => JSON.stringify(versionOf.get()), onError });
  const workerMetrics = createWorkerMetrics(options.metrics);
  workerMetrics.initReceivers(receivers.keys());
  /** The console's timeline: each attempt this process made for an alert it holds (with BullMQ, possibly not). */
  const recordAttempt = (
    delivery: { receiver: string; fingerprint: string; status: string; attempts?: number },
    outcome: "delivered" | "retry" | "dead",
    error: string | undefined,
  ) => {
    if (!alerts.get(delivery.fingerprint)) return;
    const now = new Date();
    const safeError = error === undefined ? null : redaction.redactString(error);
    const attempt = delivery.attempts === undefined ? null : delivery.attempts + 1;
    const detail = { receiver: delivery.receiver, status: delivery.status, error: safeError };
    const channel = receivers.get(delivery.receiver)?.kind ?? "unknown";
    const result = outcome === "retry" ? "failed, will retry" : outcome === "dead" ? "failed" : "delivered";
    timeline.record(delivery.fingerprint, "attempt", now, { ...detail, channel, attempt, result });
    if (outcome === "dead")
      timeline.record(delivery.fingerprint, "dead_lettered", now, { ...detail, attempts: attempt });
    feed.notify();
  };
  const logOutcome = (
    delivery: { receiver: string; idempotencyKey: string; fingerprint: string; status: string; attempts?: number },
    outcome: "delivered" | "retry" | "dead",
    error?: string,
  ) => {
    try {
      recordAttempt(delivery, outcome, error);
    } catch (recordError) {
      onError(recordError);
    }
    const fields = { receiver: delivery.receiver, idempotency_key: delivery.idempotencyKey, error };
    if (outcome === "dead") logger.warn("delivery dead-lettered", fields);
    else if (outcome === "retry") logger.info("delivery failed, will retry", fields);
    else if (config.queue.kind === "bullmq") logger.info("delivery sent", fields);
  };
  const shared =
    config.queue.kind === "bullmq"
      ? createBullmqDelivery({
          deliveries,
          receivers,
          settings: config.delivery,
          metrics: workerMetrics,
          url: config.queue.url,
          queueName: config.queue.name,
          onError,
          onDelivery: logOutcome,
        })
      : undefined;
  const loop =
    shared ??
    createDeliveryLoop({
      deliveries,
      receivers,
      settings: config.delivery,
      metrics: workerMetrics,
      onError,
      onDelivery: logOutcome,
    });
  const queueName = config.queue.kind === "bullmq" ? config.queue.name : undefined;
  let escalation: { shutdown(): Promise<void> } | undefined;
  const onChange = () => {
    loop.wake();
    feed.notify();
  };
  const retryDeadLetter = createDeadLetterRetry({
    deliveries,
    timeline,
    retrySharedJob: shared ? (key) => shared.retryFailedJob(key) : undefined,
    onRetried: onChange,
  });
  const onCallConsole = consoleRouter({
    engine,
    alerts,
    deliveries,
    silences,
    timeline,
    router: createRouter(config.route),
    policies: new Map(config.escalationPolicies.map((policy) => [policy.name, createEscalationPolicy(policy)])),
    auth: createConsoleAuth({ apiToken: options.apiToken }),
    feed,
    retryDeadLetter,
    logger,
    onChange,
  });
  const app = createWorkerApp({
    engine,
    alerts,
    deliveries,
    silences,
    timeline,
    retryDeadLetter,
    console: onCallConsole,
    logger,
    metrics: options.metrics,
    health: options.health,
    tracing: options.tracing,
    apiToken: options.apiToken,
    webhookToken: options.webhookToken,
    onChange,
    describeQueue: shared
      ? async () => ({
          kind: "bullmq",
          name: queueName,
          jobs: await shared.jobCounts(),
          dead: await shared.deadJobs(20),
        })
      : undefined,
  });
  let shutdownPromise: Promise<void> | undefined;
  return {
    app,
    db,
    start() {
      const reclaimed = loop.start();
      void shared
        ?.waitUntilReady()
        .then(() => logger.info(`bullmq consumer connected to queue "${queueName}"`))
        .catch(onError);
      escalation ??= startEscalationTimer({
        intervalMs: config.escalationIntervalMs,
        tick: () => {
          if (engine.tick(new Date()) > 0) loop.wake();
          feed.notify();
        },
        onError,
      });
      return { reclaimed };
    },
    closeLiveStreams: () => feed.close(),
    shutdown() {
      shutdownPromise ??= (async () => {
        feed.close();
        await escalation?.shutdown();
        await loop.shutdown();
        await Promise.allSettled([...receivers.values()].map((receiver) => receiver.shutdown()));
        db.close();
      })();
      return shutdownPromise;
    },
  };
}
