// What each `node http-overhead.mjs <suite>` compares: its variants (bench/variants/<name>.mjs), the check
// that each run really did its work, and the goals it reports on. Every suite includes "bare".

const metricsShown = (pattern) => async (server) => {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  if (!pattern.test(text)) throw new Error(`/metrics does not show the /hello requests:\n${text.slice(0, 2000)}`);
};
const spansExported = async (_server, _stats, sink) => {
  if (sink.counts().exports === 0) throw new Error("no trace export reached the OTLP endpoint");
};
const linesLogged = async (_server, stats) => {
  if (!(stats.lines > 0)) throw new Error(`no request was logged (stats: ${JSON.stringify(stats)})`);
};

export const SUITES = {
  metrics: {
    variants: {
      bare: {},
      "periscope-metrics": { check: metricsShown(/route="\/hello"/) },
      "prom-bundle": { check: metricsShown(/path="\/hello"/) },
    },
    goals: [
      { variant: "periscope-metrics", atLeast: 0.95, of: "bare" },
      { variant: "periscope-metrics", atLeast: 1, of: "prom-bundle" },
    ],
  },
  tracing: {
    otlpSink: true,
    variants: {
      bare: {},
      "periscope-tracing-100": { check: spansExported },
      "periscope-tracing-10": {},
      "otel-auto": {
        nodeArguments: ["--import", "@opentelemetry/auto-instrumentations-node/register"],
        env: {
          OTEL_SERVICE_NAME: "bench",
          OTEL_TRACES_EXPORTER: "otlp",
          OTEL_METRICS_EXPORTER: "none",
          OTEL_LOGS_EXPORTER: "none",
          OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
        },
        check: spansExported,
      },
    },
    goals: [
      { variant: "periscope-tracing-10", atLeast: 0.85, of: "bare" },
      { variant: "periscope-tracing-100", atLeast: 0.6, of: "bare" },
      { variant: "periscope-tracing-100", atLeast: 1, of: "otel-auto" },
    ],
  },
  logging: {
    variants: {
      bare: {},
      "periscope-logging": { check: linesLogged },
      "winston-middleware": { check: linesLogged },
      "express-winston": { check: linesLogged },
      "pino-http": { check: linesLogged },
    },
    goals: [
      { variant: "periscope-logging", atLeast: 0.85, of: "bare" },
      { variant: "periscope-logging", atLeast: 1, of: "pino-http" },
    ],
  },
  sentry: {
    variants: {
      bare: {},
      "sentry-errors-only": {},
      "sentry-node-tracing": {},
    },
    goals: [{ variant: "sentry-errors-only", atLeast: 0.97, of: "bare" }],
  },
};
