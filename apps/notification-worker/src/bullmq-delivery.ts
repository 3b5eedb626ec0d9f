import { AsyncResource } from "node:async_hooks";
import { createHash } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import type { Alert } from "@periscope/alerting/channels";
import { withSpan } from "@periscope/tracing";
import { type Job, Queue, QueueEvents, UnrecoverableError, Worker } from "bullmq";
import { retryDelay } from "./backoff.js";
import type { DeliverySettings } from "./config-schema.js";
import type { DeliveriesRepository, Delivery } from "./deliveries-repository.js";
import type { Receiver } from "./receivers.js";
import type { WorkerMetrics } from "./worker-metrics.js";

/** BullMQ refuses ':' in a custom job id: the id is a digest of the idempotency key, one key one job. */
export const jobIdOf = (idempotencyKey: string): string =>
  createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 40);

/** What a job carries: everything a worker that never saw the alert needs to send it. */
export interface DeliveryJob {
  idempotencyKey: string;
  receiver: string;
  fingerprint: string;
  status: "firing" | "resolved";
  alert: Alert;
}

export interface BullmqDeliveryOptions {
  deliveries: DeliveriesRepository;
  receivers: ReadonlyMap<string, Receiver>;
  settings: DeliverySettings;
  metrics: WorkerMetrics;
  url: string;
  queueName: string;
  onError: (error: unknown) => void;
  /** Told of each attempt this process made (it may be for an alert another worker accepted). */
  onDelivery?: (job: DeliveryJob, outcome: "delivered" | "retry" | "dead", error?: string) => void;
  random?: () => number;
}

/**
 * Deliveries through a BullMQ queue shared by every worker on one Redis. Rows of this worker's outbox
 * (committed before the 2xx) are handed to Redis as jobs whose id is the idempotency key, so one key is
 * one job however many workers accept the alert; any worker's consumer sends it; this worker learns the
 * outcome of its rows from the queue's events and records it in its own SQLite.
 */
export function createBullmqDelivery(options: BullmqDeliveryOptions) {
  const { deliveries, receivers, settings, metrics } = options;
  const connection = { url: options.url, maxRetriesPerRequest: null };
  const queue = new Queue<DeliveryJob>(options.queueName, { connection });
  const events = new QueueEvents(options.queueName, { connection });
  let consumer: Worker<DeliveryJob> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let dispatching: Promise<void> = Promise.resolve();
  let stopped = false;
  let shutdownPromise: Promise<void> | undefined;
  queue.on("error", options.onError);
  events.on("error", options.onError);

  const processJob = async (job: Job<DeliveryJob>) => {
    const data = job.data;
    const attempts = job.attemptsMade + 1;
    const receiver = receivers.get(data.receiver);
    if (!receiver) {
      metrics.recordOutcome(data.receiver, "dead");
      options.onDelivery?.(data, "dead", "unknown receiver");
      throw new UnrecoverableError(`no receiver named "${data.receiver}" in this worker's config`);
    }
    const started = performance.now();
    const attributes = {
      "notification.receiver": receiver.name,
      "notification.channel": receiver.kind,
      "notification.status": data.status,
      "notification.attempt": attempts,
      "alert.fingerprint": data.fingerprint,
    };
    const span = { name: "notification deliver", kind: SpanKind.CLIENT, attributes, root: true };
    const result = await withSpan(span, async (active) => {
      const outcome = await receiver.send(data.alert, { idempotencyKey: data.idempotencyKey });
      active.setAttribute("notification.ok", outcome.ok);
      if (outcome.status !== undefined) active.setAttribute("notification.response_status", outcome.status);
      return outcome;
    });
    metrics.observeDuration(receiver.name, (performance.now() - started) / 1000);
    if (result.ok) {
      metrics.recordOutcome(receiver.name, "delivered");
      options.onDelivery?.(data, "delivered");
      return { attempts, idempotencyKey: data.idempotencyKey };
    }
    const error = result.error ?? `status ${result.status ?? "unknown"}`;
    if (result.retryable === false || attempts >= settings.maxAttempts) {
      metrics.recordOutcome(receiver.name, "dead");
      options.onDelivery?.(data, "dead", error);
      throw new UnrecoverableError(error);
    }
    metrics.recordOutcome(receiver.name, "retried");
    options.onDelivery?.(data, "retry", error);
    throw new Error(error);
  };

  const settle = (key: string, outcome: { state: "delivered" | "dead"; attempts: number; error?: string }) => {
    try {
      deliveries.finishByKey(key, outcome, new Date());
    } catch (error) {
      options.onError(error);
    }
  };

  events.on("completed", ({ returnvalue }) => {
    const result = returnvalue as unknown as { attempts?: number; idempotencyKey?: string } | undefined;
    if (typeof result?.idempotencyKey !== "string") return;
    settle(result.idempotencyKey, { state: "delivered", attempts: Number(result.attempts ?? 1) });
  });
  events.on("failed", ({ jobId, failedReason }) => {
    void queue
      .getJob(jobId)
      .then((job) => {
        if (job) settle(job.data.idempotencyKey, { state: "dead", attempts: job.attemptsMade, error: failedReason });
      })
      .catch(options.onError);
  });

  /** Hands one row to Redis; a job that already finished (another worker's, or before a restart) settles it now. */
  const dispatchOne = async (delivery: Delivery) => {
    const data: DeliveryJob = {
      idempotencyKey: delivery.idempotencyKey,
      receiver: delivery.receiver,
      fingerprint: delivery.fingerprint,
      status: delivery.status,
      alert: delivery.alert,
    };
    const jobId = jobIdOf(delivery.idempotencyKey);
    await queue.add("deliver", data, {
      jobId,
      attempts: settings.maxAttempts,
      backoff: { type: "periscope" },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
    const job = await queue.getJob(jobId);
    const state = job ? await job.getState() : "unknown";
    if (job && state === "completed")
      settle(delivery.idempotencyKey, { state: "delivered", attempts: job.attemptsMade });
    if (job && state === "failed") {
      settle(delivery.idempotencyKey, { state: "dead", attempts: job.attemptsMade, error: job.failedReason });
    }
  };

  const tick = async () => {
    if (stopped) return;
    try {
      const due = deliveries.claimDue(new Date(), 100);
      for (const delivery of due) {
        try {
          await dispatchOne(delivery);
        } catch (error) {
          // Redis unreachable: the row stays ours, pending, and is handed over on a later pass.
          deliveries.release(delivery.id, new Date());
          options.onError(error);
          break;
        }
      }
      metrics.setQueueDepth(deliveries.countByState());
    } catch (error) {
      options.onError(error);
    }
  };

  const boundRun = AsyncResource.bind(() => {
    dispatching = dispatching.then(tick);
    void dispatching.then(() => schedule(settings.pollIntervalMs));
  });
  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(boundRun, delayMs);
    timer.unref();
  };

  return {
    /**
     * Rows a crash left in_flight go back to pending and are handed over again: the jobId makes a repeat a
     * no-op, and one that finished meanwhile is settled from its job. Then consumes jobs and dispatches rows.
     */
    start(): number {
      const reclaimed = deliveries.reclaimInFlight(new Date());
      consumer ??= new Worker<DeliveryJob>(options.queueName, AsyncResource.bind(processJob), {
        connection,
        concurrency: settings.concurrency,
        settings: {
          backoffStrategy: (attemptsMade: number) => retryDelay(attemptsMade, settings, undefined, options.random),
        },
      });
      consumer.on("error", options.onError);
      schedule(0);
      return reclaimed;
    },
    wake: () => schedule(0),
    /** Resolves once the consumer is connected to Redis (for tests and readiness). */
    async waitUntilReady(): Promise<void> {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), consumer?.waitUntilReady()]);
    },
    /** A dead letter retried by hand: its failed job goes back to waiting with a fresh count of attempts. */
    async retryFailedJob(idempotencyKey: string): Promise<void> {
      const job = await queue.getJob(jobIdOf(idempotencyKey));
      if (job && (await job.getState()) === "failed") await job.retry("failed", { resetAttemptsMade: true });
    },
    /** Redis's view of the shared queue: job counts by state. */
    jobCounts: () => queue.getJobCounts("waiting", "active", "delayed", "completed", "failed"),
    /** Failed jobs of the shared queue (dead letters of every worker), newest first. */
    async deadJobs(limit: number) {
      const jobs = await queue.getFailed(0, limit - 1);
      return jobs.map((job) => ({
        idempotencyKey: job.data.idempotencyKey,
        receiver: job.data.receiver,
        attempts: job.attemptsMade,
        error: job.failedReason,
        finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      }));
    },
    /** Stops dispatching, lets sends in flight finish (bounded by timeoutMs), closes the Redis connections. Idempotent. */
    shutdown(): Promise<void> {
      shutdownPromise ??= (async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        // Closing first makes a hand-over stuck on an unreachable Redis fail, so its row goes back to pending.
        await Promise.allSettled([consumer?.close(), events.close(), queue.close()]);
        await dispatching.catch(() => {});
      })();
      return shutdownPromise;
    },
  };
}

export type BullmqDelivery = ReturnType<typeof createBullmqDelivery>;
