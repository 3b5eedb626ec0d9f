import type { Logger } from "@periscope/logging";
import { requestContextMiddleware, requestLogMiddleware } from "@periscope/logging/express";
import { createMetrics, createTaskMetrics, type Metrics } from "@periscope/metrics";
import { metricsMiddleware } from "@periscope/metrics/express";
import type { TracingHandle } from "@periscope/tracing";
import { tracingMiddleware } from "@periscope/tracing/express";
import express from "express";
import { tasksRouter } from "./tasks-router.js";

export interface SampleApiOptions {
  logger: Logger;
  tracing: TracingHandle;
}

export interface SampleApi {
  app: express.Express;
  metrics: Metrics;
}

export function createSampleApi({ logger, tracing }: SampleApiOptions): SampleApi {
  const metrics = createMetrics({ defaultLabels: { service: "sample-api" }, defaultMetrics: true });
  const app = express();
  app.disable("x-powered-by");
  app.use(requestContextMiddleware());
  app.use(tracingMiddleware(tracing));
  app.use(metricsMiddleware(metrics));
  app.use(requestLogMiddleware(logger));
  app.use(express.json({ limit: "100kb" }));

  app.get("/metrics", metrics.handler());
  app.get("/health/live", (_request, response) => {
    response.json({ status: "ok" });
  });

  const v1 = express.Router();
  v1.use("/tasks", tasksRouter(createTaskMetrics(metrics)));
  app.use("/api/v1", v1);

  app.use((_request, response) => {
    response.status(404).json({ error: "not found" });
  });
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
