import { InvalidTransitionError } from "@periscope/alerting/channels";
import type { Health } from "@periscope/health";
import { healthRouter } from "@periscope/health/express";
import type { Logger } from "@periscope/logging";
import { requestContextMiddleware, requestLogMiddleware } from "@periscope/logging/express";
import type { Metrics } from "@periscope/metrics";
import { metricsMiddleware } from "@periscope/metrics/express";
import type { TracingHandle } from "@periscope/tracing";
import { tracingMiddleware } from "@periscope/tracing/express";
import express from "express";
import type { AlertEngine } from "./alert-engine.js";
import type { AlertsRepository } from "./alerts-repository.js";
import { ackSchema, alertsQuerySchema, deliveriesQuerySchema, silenceSchema } from "./api-schemas.js";
import { bearerAuth } from "./bearer-auth.js";
import type { DeadLetterRetry } from "./dead-letter-retry.js";
import type { DeliveriesRepository, DeliveryState } from "./deliveries-repository.js";
import { addOperationsRoutes } from "./operations-routes.js";
import { presentAlert } from "./present-alert.js";
import type { SilencesRepository } from "./silences-repository.js";
import { isStorageError } from "./storage-errors.js";
import type { TimelineRepository } from "./timeline-repository.js";
import { describeIssues, parseWebhookPayload } from "./webhook-schema.js";

export interface WorkerAppOptions {
  engine: AlertEngine;
  alerts: AlertsRepository;
  deliveries: DeliveriesRepository;
  silences: SilencesRepository;
  timeline: TimelineRepository;
  retryDeadLetter: DeadLetterRetry;
  /** The on-call console (`/`, `/console/*`), mounted before the JSON 404. */
  console?: express.Router;
  logger: Logger;
  metrics: Metrics;
  health?: Health;
  tracing?: TracingHandle;
  /** WORKER_API_TOKEN: guards ack and silences. */
  apiToken?: string;
  /** WEBHOOK_TOKEN: guards POST /webhooks/alertmanager. */
  webhookToken?: string;
  /** Called after something was queued or changed, so the delivery loop runs at once. */
  onChange?: () => void;
  /** `GET /queue`: the queue's own view (with BullMQ, the shared queue's job counts and dead letters). */
  describeQueue?: () => Promise<Record<string, unknown>>;
  /** Largest accepted body. Default "1mb". */
  bodyLimit?: string;
}

const badRequest = (response: express.Response, error: string) => response.status(400).json({ error });

export function createWorkerApp(options: WorkerAppOptions): express.Express {
  const { engine, alerts, deliveries, silences, logger } = options;
  const onChange = options.onChange ?? (() => {});
  const app = express();
  app.disable("x-powered-by");
  if (options.health) app.use(healthRouter(options.health));
  app.use(requestContextMiddleware());
  if (options.tracing) app.use(tracingMiddleware(options.tracing));
  app.use(metricsMiddleware(options.metrics));
  app.use(requestLogMiddleware(logger));
  app.get("/metrics", options.metrics.handler());

  const json = express.json({ limit: options.bodyLimit ?? "1mb" });
  const writeAuth = bearerAuth(options.apiToken);

  app.post("/webhooks/alertmanager", bearerAuth(options.webhookToken), json, (request, response) => {
    if (!request.is("application/json")) return badRequest(response, "Content-Type must be application/json");
    const parsed = parseWebhookPayload(request.body);
    if (!parsed.ok) return badRequest(response, parsed.error);
    let result: { alerts: number; queued: number };
    try {
      result = engine.ingest(parsed.payload, new Date());
    } catch (error) {
      if (error instanceof TypeError) return badRequest(response, error.message);
      if (isStorageError(error)) {
        // The transaction rolled back: nothing of this payload is stored. 503 makes Alertmanager send it again.
        logger.error("webhook refused: storage unavailable", { err: error, code: error.code });
        return response
          .status(503)
          .set("retry-after", "30")
          .json({ error: `storage unavailable, alerts not stored (${error.code}: ${error.message})` });
      }
      throw error;
    }
    onChange();
    response.status(200).json({ status: "accepted", ...result });
  });

  app.get("/alerts", (request, response) => {
    const query = alertsQuerySchema.safeParse(request.query);
    if (!query.success) return badRequest(response, describeIssues(query.error.issues));
    response.json({ alerts: alerts.list(query.data.state).map(presentAlert) });
  });

  app.get("/alerts/:fingerprint", (request, response) => {
    const stored = alerts.get(String(request.params.fingerprint));
    if (!stored) return response.status(404).json({ error: "alert not found" });
    const fingerprint = stored.alert.fingerprint;
    response.json({
      ...presentAlert(stored),
      deliveries: deliveries.list({ fingerprint }),
      timeline: options.timeline.list(fingerprint),
    });
  });

  app.post("/alerts/:fingerprint/ack", writeAuth, json, (request, response) => {
    // JSON only: without a token, a cross-site form (text/plain, urlencoded) or a bodyless beacon could ack.
    if (!request.is("application/json")) {
      return response.status(415).json({ error: "Content-Type must be application/json" });
    }
    const body = ackSchema.safeParse(request.body ?? {});
    if (!body.success) return badRequest(response, describeIssues(body.error.issues));
    const stored = engine.acknowledge(String(request.params.fingerprint), body.data.by, new Date());
    response.json(presentAlert(stored));
  });

  app.get("/silences", (_request, response) => {
    const now = Date.now();
    response.json({
      silences: silences.list().map((silence) => ({
        ...silence,
        state: Date.parse(silence.endsAt) > now ? "active" : "expired",
      })),
    });
  });

  app.post("/silences", writeAuth, json, (request, response) => {
    const body = silenceSchema.safeParse(request.body);
    if (!body.success) return badRequest(response, describeIssues(body.error.issues));
    const endsAt = new Date(body.data.endsAt).toISOString();
    const silence = silences.add({ ...body.data, endsAt }, new Date());
    engine.tick(new Date());
    onChange();
    response.status(201).json({ ...silence, state: "active" });
  });

  app.delete("/silences/:id", writeAuth, (request, response) => {
    if (!silences.get(String(request.params.id))) return response.status(404).json({ error: "silence not found" });
    silences.expire(String(request.params.id), new Date());
    engine.tick(new Date());
    onChange();
    response.json({ ...silences.get(String(request.params.id)), state: "expired" });
  });

  app.get("/deliveries", (request, response) => {
    const query = deliveriesQuerySchema.safeParse(request.query);
    if (!query.success) return badRequest(response, describeIssues(query.error.issues));
    const state = query.data.state as DeliveryState | undefined;
    response.json({ deliveries: deliveries.list({ ...query.data, state }), counts: deliveries.countByState() });
  });

  app.get("/queue", async (_request, response) => {
    const outbox = deliveries.countByState();
    if (!options.describeQueue) return response.json({ kind: "sqlite", outbox });
    try {
      response.json({ ...(await options.describeQueue()), outbox });
    } catch (error) {
      logger.warn("queue: cannot read the shared queue", { err: error });
      response.status(503).json({ error: `shared queue unavailable: ${(error as Error).message}`, outbox });
    }
  });

  addOperationsRoutes(app, {
    alerts,
    timeline: options.timeline,
    retryDeadLetter: options.retryDeadLetter,
    writeAuth,
    json,
  });
  if (options.console) app.use(options.console);

  app.use((_request, response) => {
    response.status(404).json({ error: "not found" });
  });
  app.use((error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
    if (error instanceof InvalidTransitionError) return response.status(409).json({ error: error.message });
    const status = (error as { status?: number }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return response.status(status).json({ error: (error as Error).message });
    }
    logger.error("request failed", { err: error });
    response.status(500).json({ error: "internal error" });
  });
  return app;
}
