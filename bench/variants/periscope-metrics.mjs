// @periscope/metrics: RED middleware and the /metrics handler, exemplars off (no tracer in this process).
import { useBeforeRouter } from "@periscope/express";
import { createMetrics } from "@periscope/metrics";
import { metricsMiddleware } from "@periscope/metrics/express";

export async function install(app) {
  const metrics = createMetrics({ exemplars: false });
  useBeforeRouter(app, metricsMiddleware(metrics));
  app.get("/metrics", metrics.handler());
}
