import type { Health } from "@periscope/health";
import type { Logger } from "@periscope/logging";
import type { Metrics } from "@periscope/metrics";
import type { TracingHandle } from "@periscope/tracing";
import type express from "express";
import { createAlertEngine } from "./alert-engine.js";
import { createAlertsRepository } from "./alerts-repository.js";
import { createWorkerApp } from "./app.js";
import { createBullmqDelivery } from "./bullmq-delivery.js";
import type { WorkerConfig } from "./config-schema.js";
import { type Db, openDatabase } from "./database.js";
import { createDeliveriesRepository } from "./deliveries-repository.js";
import { createDeliveryLoop } from "./delivery-loop.js";
import { startEscalationTimer } from "./escalation-timer.js";
import { createReceivers } from "./receivers.js";
import { createSilencesRepository } from "./silences-repository.js";
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
  const engine = createAlertEngine(config, { db, alerts, deliveries, silences });
  const workerMetrics = createWorkerMetrics(options.metrics);
  workerMetrics.initReceivers(receivers.keys());
  const logOutcome = (
    delivery: { receiver: string; idempotencyKey: string },
    outcome: "delivered" | "retry" | "dead",
    error?: string,
  ) => {
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
  const app = createWorkerApp({
    engine,
    alerts,
    deliveries,
    silences,
    logger,
    metrics: options.metrics,
    health: options.health,
    tracing: options.tracing,
    apiToken: options.apiToken,
    webhookToken: options.webhookToken,
    onChange: () => loop.wake(),
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
        },
        onError,
      });
      return { reclaimed };
    },
    shutdown() {
      shutdownPromise ??= (async () => {
        await escalation?.shutdown();
        await loop.shutdown();
        await Promise.allSettled([...receivers.values()].map((receiver) => receiver.shutdown()));
        db.close();
      })();
      return shutdownPromise;
    },
  };
}
