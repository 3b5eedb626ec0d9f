import type { Evaluator } from "@periscope/alerting";
import { createHealth, eventLoopDelayCheck, heapCheck } from "@periscope/health";
import { createLogger } from "@periscope/logging";
import { profilingRouter } from "@periscope/profiling/express";
import { initSentry } from "@periscope/sentry";
import { initTracing } from "@periscope/tracing";
import { startAlertEvaluator } from "./alerting/alert-evaluator.js";
import { type AlertSettings, readAlertSettings } from "./alerting/alert-settings.js";
import { createSampleApi, createSampleMetrics } from "./app.js";
import { readDataDir, readDomainSettings, readServerConfig } from "./config.js";
import { createDomain, type Domain } from "./domain/create-domain.js";
import { agentsAvailableCheck, cacheCheck, databaseCheck } from "./domain/health-checks.js";
import { readApiKeySettings } from "./http/api-keys.js";
import { readChaosSettings } from "./http/chaos.js";
import { registerTelemetryMetrics } from "./telemetry-metrics.js";

const tracing = initTracing({
  serviceName: "sample-api",
  exporter: defaultTraceExporter(process.env),
  // Rate-limited by @periscope/tracing (one call a minute); the count of lost spans is on /metrics.
  onError: (error) => logger.warn("tracing: span export failed", { err: error }),
});
const logger = createLogger({ service: "sample-api" });
const sentry = initSentry({ onError: (error) => logger.warn("sentry: delivery failed", { err: error }) });
const { port, host } = readServerConfig(process.env, 3000);
const metrics = createSampleMetrics();
registerTelemetryMetrics(metrics, tracing, sentry, logger);
const dataDir = readDataDir(process.env);
const { alerts: alertSettings, chaos: chaosSettings, apiKeys } = await readOptionalSettings();
// One live object: PUT /debug/chaos changes the HTTP share and the database's at once.
const chaos = { errorRate: chaosSettings.errorRate, dbErrorRate: chaosSettings.dbErrorRate };
const domain = await openDomain();
let evaluator: Evaluator | undefined;

const health = createHealth({
  version: process.env.npm_package_version,
  registry: metrics.registry,
  handleSignals: true,
  onStateChange: (state) => {
    if (state !== "stopped") logger.info(`sample-api is ${state}`, { state });
  },
  onError: (error) => logger.warn("health: a check or shutdown hook failed", { err: error }),
});
// Nothing the API needs can be empty on a fresh start, so both are informative, not critical.
health.addCheck("event_loop", eventLoopDelayCheck({ maxDelayMs: 500 }), { critical: false });
health.addCheck("heap", heapCheck({ maxRatio: 0.95 }), { critical: false });
health.addCheck("database", databaseCheck(domain), { critical: true });
health.addCheck("agents_available", agentsAvailableCheck(domain), { critical: false });
// Non-critical: on a failing cache the API still answers (from SQLite), so readiness only degrades.
health.addCheck("cache", cacheCheck(domain), { critical: false, timeoutMs: 1000 });
// Runs after the server stopped taking requests; its line must not start with "shutdown: " (the test pins those).
health.onShutdown("domain", async () => {
  await domain.shutdown();
  logger.info("domain stopped, database closed");
});
// Before metrics close, so the last evaluation still reads a live registry.
health.onShutdown("alerts", async () => {
  await evaluator?.shutdown();
});
const profiling = profilingRouter({ logger, registry: metrics.registry });
health.onShutdown("profiling", () => profiling.shutdown());
health.onShutdown("sentry", () => sentry.shutdown());
health.onShutdown("traces", async () => {
  await tracing.shutdown();
  const { exported, droppedQueueFull, droppedExportFailed } = tracing.stats();
  logger.info("shutdown: traces flushed", {
    spans_exported: exported,
    spans_dropped: droppedQueueFull + droppedExportFailed,
  });
});
health.onShutdown("metrics", async () => {
  await metrics.shutdown();
  logger.info("shutdown: metrics closed");
});
health.onShutdown("logs", async () => {
  logger.info("shutdown: flushing logs");
  await logger.shutdown();
});

if (chaos.errorRate > 0 || chaos.dbErrorRate > 0 || chaosSettings.token) {
  logger.warn("chaos: a share of /api/v1 requests or of database statements will fail (CHAOS_*, a demo knob)", {
    error_rate: chaos.errorRate,
    db_error_rate: chaos.dbErrorRate,
    admin_route: chaosSettings.token ? "/debug/chaos" : undefined,
  });
}
const { app } = createSampleApi({
  logger,
  tracing,
  health,
  metrics,
  profiling,
  sentry,
  domain,
  chaos,
  chaosToken: chaosSettings.token,
  apiKeys,
});
if (apiKeys.keys.size > 0) {
  logger.info("api keys: /api/v1 asks for x-api-key", {
    key_ids: [...apiKeys.keys.values()].map(({ organization, keyId }) => `${organization}/${keyId}`),
    rate_limit_per_minute: apiKeys.perMinute,
    rate_limit_burst: apiKeys.burst,
  });
}
const server = app.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  domain.start();
  if (alertSettings) {
    evaluator = startAlertEvaluator({
      settings: alertSettings,
      metrics,
      onError: (error) => logger.warn("alerts: evaluation or delivery failed", { err: error }),
    });
    logger.info(`alert evaluator sending to ${alertSettings.webhookUrl}`, {
      interval_ms: alertSettings.intervalMs,
      window: alertSettings.window,
      for: alertSettings.for,
    });
  }
  health.markStarted();
  logger.info(`sample-api listening on http://${host}:${actualPort}`, { data_dir: dataDir });
});
health.attach(server);

/** ALERT_*, CHAOS_*, API_KEYS and RATE_LIMIT_* settings; when one is invalid, says which and exits 1. */
async function readOptionalSettings(): Promise<{
  alerts: AlertSettings | undefined;
  chaos: ReturnType<typeof readChaosSettings>;
  apiKeys: ReturnType<typeof readApiKeySettings>;
}> {
  try {
    return {
      alerts: readAlertSettings(process.env),
      chaos: readChaosSettings(process.env),
      apiKeys: readApiKeySettings(process.env),
    };
  } catch (error) {
    logger.error(`sample-api cannot start: ${(error as Error).message}`, { err: error });
    await Promise.allSettled([tracing.shutdown(), sentry.shutdown()]);
    await logger.shutdown();
    process.exit(1);
  }
}

/** The domain on `${DATA_DIR}/sample-api.db`; when it cannot be opened, says why and exits 1. */
async function openDomain(): Promise<Domain> {
  try {
    return createDomain({
      dataDir,
      metrics,
      settings: readDomainSettings(process.env),
      faults: chaos,
      onError: (error) => logger.warn("domain: background work failed", { err: error }),
    });
  } catch (error) {
    logger.error(`sample-api cannot start: DATA_DIR=${dataDir}: ${(error as Error).message}`, { err: error });
    await Promise.allSettled([tracing.shutdown(), sentry.shutdown()]);
    await logger.shutdown();
    process.exit(1);
  }
}

/** With no OTEL_* exporter settings, spans go to the console: `pnpm dev` needs no collector. */
function defaultTraceExporter(environment: NodeJS.ProcessEnv): "console" | undefined {
  const configured = environment.OTEL_TRACES_EXPORTER || environment.OTEL_EXPORTER_OTLP_ENDPOINT;
  return configured || environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? undefined : "console";
}
