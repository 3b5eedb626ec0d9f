import { createLogger } from "@periscope/logging";
import { initTracing } from "@periscope/tracing";
import { createSampleApi } from "./app.js";
import { readServerConfig } from "./config.js";

const tracing = initTracing({ serviceName: "sample-api", exporter: defaultTraceExporter(process.env) });
const logger = createLogger({ service: "sample-api" });
const { port, host } = readServerConfig(process.env, 3000);
const { app, metrics } = createSampleApi({ logger, tracing });

const server = app.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  logger.info(`sample-api listening on http://${host}:${actualPort}`);
});

function stop(signal: string) {
  logger.info(`sample-api received ${signal}, closing`);
  server.close(() => {
    void Promise.all([metrics.shutdown(), tracing.shutdown(), logger.shutdown()]).then(() => process.exit(0));
  });
  server.closeIdleConnections();
}
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));

/** With no OTEL_* exporter settings, spans go to the console: `pnpm dev` needs no collector. */
function defaultTraceExporter(environment: NodeJS.ProcessEnv): "console" | undefined {
  const configured = environment.OTEL_TRACES_EXPORTER || environment.OTEL_EXPORTER_OTLP_ENDPOINT;
  return configured || environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? undefined : "console";
}
