import { useBeforeRouter } from "@periscope/express";
import type { Health } from "@periscope/health";
import { healthRouter } from "@periscope/health/express";
import type { Logger } from "@periscope/logging";
import { requestContextMiddleware, requestLogMiddleware } from "@periscope/logging/express";
import { createApiKeyMetrics, createMetrics, type Metrics } from "@periscope/metrics";
import { metricsMiddleware } from "@periscope/metrics/express";
import type { ProfilingRouter } from "@periscope/profiling/express";
import type { SentryHandle } from "@periscope/sentry";
import { sentryErrorHandler } from "@periscope/sentry/express";
import type { TracingHandle } from "@periscope/tracing";
import { tracingMiddleware } from "@periscope/tracing/express";
import express from "express";
import type { Domain } from "./domain/create-domain.js";
import { type ApiKeySettings, apiKeyMiddleware } from "./http/api-keys.js";
import { apiRouter } from "./http/api-router.js";
import { type Chaos, chaosMiddleware, chaosRouter } from "./http/chaos.js";
import { jsonBody } from "./http/json-body.js";
import { storageErrorHandler } from "./http/storage-errors.js";

export interface SampleApiOptions {
  logger: Logger;
  tracing: TracingHandle;
  health: Health;
  metrics: Metrics;
  /** Mounted at /debug/pprof; it answers only when PROFILING_ENABLED=true, and only with PROFILING_TOKEN. */
  profiling: ProfilingRouter;
  /** Captures 5xx errors when SENTRY_DSN is set (and mounts `GET /debug/sentry-test`); a no-op otherwise. */
  sentry: SentryHandle;
  /** Agents, tasks, chains and schedules on SQLite, served under /api/v1. */
  domain: Domain;
  /** Demo knob: a share of /api/v1 requests answers 500; `chaosToken` mounts `PUT /debug/chaos` to change it. */
  chaos?: Chaos;
  chaosToken?: string;
  /** API_KEYS and the rate limit: with keys, /api/v1 asks for `x-api-key`; without (the default) it stays open. */
  apiKeys?: ApiKeySettings;
}

export interface SampleApi {
  app: express.Express;
  metrics: Metrics;
}

/** The sample API's metrics: its own registry, a `service` label, process and event-loop metrics. */
export function createSampleMetrics(): Metrics {
  return createMetrics({ defaultLabels: { service: "sample-api" }, defaultMetrics: true });
}

export function createSampleApi({
  logger,
  tracing,
  health,
  metrics,
  profiling,
  sentry,
  domain,
  chaos = { errorRate: 0 },
  chaosToken,
  apiKeys = { keys: new Map(), perMinute: 0, burst: 0 },
}: SampleApiOptions): SampleApi {
  const app = express();
  app.disable("x-powered-by");
  // Ahead of the router: no router layer each (see @periscope/express); none of them fails a request.
  useBeforeRouter(
    app,
    healthRouter(health),
    requestContextMiddleware(),
    tracingMiddleware(tracing),
    metricsMiddleware(metrics),
    requestLogMiddleware(logger),
  );
  app.use(jsonBody({ limit: "100kb" }));

  app.get("/metrics", metrics.handler());
  app.use(profiling);
  if (sentry.enabled) {
    // Lets a user see an event arrive: it does nothing but throw, exists whenever a DSN is set and needs no token.
    app.get("/debug/sentry-test", () => {
      throw new Error("sentry test error from /debug/sentry-test");
    });
  }

  if (chaosToken) app.use(chaosRouter(chaos, chaosToken));
  app.use(
    "/api/v1",
    apiKeyMiddleware(apiKeys, createApiKeyMetrics(metrics)),
    chaosMiddleware(chaos),
    apiRouter(domain),
  );

  app.use((_request, response) => {
    response.status(404).json({ error: "not found" });
  });
  app.use(sentryErrorHandler(sentry));
  app.use(storageErrorHandler(logger));
  app.use((error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
    const status = (error as { status?: number }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      response.status(status).json({ error: (error as Error).message });
      return;
    }
    logger.error("request failed", { err: error });
    response.status(500).json({ error: "internal error" });
  });
  return { app, metrics };
}
