import { createHealth, eventLoopDelayCheck } from "@periscope/health";
import { createLogger } from "@periscope/logging";
import { createMetrics } from "@periscope/metrics";
import { initTracing } from "@periscope/tracing";
import { queueFromEnvironment, readServerConfig, readWorkerEnvironment } from "./config.js";
import { loadWorkerConfig } from "./config-loader.js";
import { defaultWorkerConfig } from "./default-config.js";
import { createWorker } from "./worker.js";

const tracing = initTracing({ serviceName: "notification-worker", exporter: defaultTraceExporter(process.env) });
const logger = createLogger({ service: "notification-worker" });

try {
  await main();
} catch (error) {
  // A bad config or an unusable DATA_DIR: say what is wrong and exit, never start half-configured.
  logger.error(`notification-worker cannot start: ${(error as Error).message}`, { err: error });
  await logger.shutdown();
  await tracing.shutdown();
  process.exit(1);
}

async function main() {
  const environment = readWorkerEnvironment(process.env);
  const { port, host } = readServerConfig(process.env, 3001);
  const loaded = environment.configPath ? loadWorkerConfig(environment.configPath) : defaultWorkerConfig(environment);
  const config = { ...loaded, queue: queueFromEnvironment(loaded.queue, environment.queueUrl) };
  if (environment.configPath) logger.info(`config loaded from ${config.source}`);
  else
    logger.info(`no WORKER_CONFIG set: using the ${config.source}`, {
      receivers: config.receivers.map((receiver) => `${receiver.name} (${receiver.type})`),
    });

  const metrics = createMetrics({ defaultLabels: { service: "notification-worker" }, defaultMetrics: true });
  const health = createHealth({
    version: process.env.npm_package_version,
    registry: metrics.registry,
    handleSignals: true,
    onStateChange: (state) => {
      if (state !== "stopped") logger.info(`notification-worker is ${state}`, { state });
      // Open console pages hold event streams: end them, or the drain waits for its deadline.
      if (state === "draining") worker.closeLiveStreams();
    },
    onError: (error) => logger.warn("health: a check or shutdown hook failed", { err: error }),
  });
  const worker = createWorker({
    config,
    dataDirectory: environment.dataDirectory,
    logger,
    metrics,
    health,
    tracing,
    apiToken: environment.apiToken,
    webhookToken: environment.webhookToken,
  });
  health.addCheck("database", () => void worker.db.prepare("SELECT 1").get(), { critical: true });
  health.addCheck("event_loop", eventLoopDelayCheck({ maxDelayMs: 500 }), { critical: false });
  health.onShutdown("worker", async () => {
    await worker.shutdown();
    logger.info("shutdown: delivery loop stopped, database closed");
  });
  health.onShutdown("traces", () => tracing.shutdown());
  health.onShutdown("metrics", () => metrics.shutdown());
  health.onShutdown("logs", async () => {
    logger.info("shutdown: flushing logs");
    await logger.shutdown();
  });

  const { reclaimed } = worker.start();
  if (reclaimed > 0) logger.warn(`reclaimed ${reclaimed} deliveries left in flight by the last run (at-least-once)`);
  logger.info(`data in ${environment.dataDirectory}/worker.db`);
  if (config.queue.kind === "bullmq") {
    const where = new URL(config.queue.url);
    where.password = "";
    logger.info(`deliveries through the BullMQ queue "${config.queue.name}" on ${where.href}`);
  }
  const server = worker.app.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    health.markStarted();
    logger.info(`notification-worker listening on http://${host}:${actualPort}`);
  });
  health.attach(server);
}

/** With no OTEL_* exporter settings, spans go to the console: `pnpm dev` needs no collector. */
function defaultTraceExporter(environment: NodeJS.ProcessEnv): "console" | undefined {
  const configured = environment.OTEL_TRACES_EXPORTER || environment.OTEL_EXPORTER_OTLP_ENDPOINT;
  return configured || environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? undefined : "console";
}
