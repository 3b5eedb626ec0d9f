// Every Periscope package at once, wired as apps/sample-api wires them: health probes, request context,
// tracing at 10 % (OTLP/protobuf to the benchmark's sink), RED metrics with their default exemplars, the
// request log (JSON lines to a temporary file), and Sentry errors-only after the routes (DSN a closed port).
import { useBeforeRouter } from "@periscope/express";
import { createHealth, eventLoopDelayCheck } from "@periscope/health";
import { healthRouter } from "@periscope/health/express";
import { requestContextMiddleware, requestLogMiddleware } from "@periscope/logging/express";
import { createMetrics } from "@periscope/metrics";
import { metricsMiddleware } from "@periscope/metrics/express";
import { initSentry } from "@periscope/sentry";
import { sentryErrorHandler } from "@periscope/sentry/express";
import { initTracing } from "@periscope/tracing";
import { tracingMiddleware } from "@periscope/tracing/express";
import { closedPortDsn } from "../lib/closed-port.mjs";
import { fileLogger } from "../lib/file-logger.mjs";

const tracing = initTracing({
  serviceName: "bench",
  exporter: "otlp",
  sampler: "parentbased_traceidratio",
  samplerRatio: 0.1,
});
let log;
let metrics;
let health;
let sentry;

export async function install(app) {
  log = fileLogger();
  metrics = createMetrics();
  sentry = initSentry({ dsn: await closedPortDsn() });
  health = createHealth({ registry: metrics.registry, drainDelayMs: 0 });
  health.addCheck("event_loop", eventLoopDelayCheck({ maxDelayMs: 500 }), { critical: false });
  health.markStarted();

  useBeforeRouter(
    app,
    healthRouter(health),
    requestContextMiddleware(),
    tracingMiddleware(tracing),
    metricsMiddleware(metrics),
    requestLogMiddleware(log.logger),
  );
  app.get("/metrics", metrics.handler());
}

export async function installAfterRoutes(app) {
  app.use(sentryErrorHandler(sentry));
}

export async function shutdown() {
  await health?.shutdown("benchmark over");
  await Promise.all([tracing.shutdown(), sentry?.shutdown(1000), metrics?.shutdown(), log?.shutdown()]);
}

export const stats = () => log.stats();
