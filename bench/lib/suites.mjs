// What each `node http-overhead.mjs <suite>` compares: its variants (bench/variants/<name>.mjs), the checks
// that each run really did its work, and the goals it reports on. Every suite includes "bare".
// `check(server, stats)` runs while the server is up; `checkSink(sink)` after it stopped (and flushed), with
// what the OTLP sink received during that run.
import { pathToFileURL } from "node:url";

const metricsShown = (pattern) => async (server) => {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  if (!pattern.test(text)) throw new Error(`/metrics does not show the /hello requests:\n${text.slice(0, 2000)}`);
};
const linesLogged = async (_server, stats) => {
  if (!(stats.lines > 0)) throw new Error(`no request was logged (stats: ${JSON.stringify(stats)})`);
};
const healthReady = async (server) => {
  const response = await fetch(`${server.url}/health/ready`);
  if (response.status !== 200) throw new Error(`/health/ready answered ${response.status}`);
};
const allOf =
  (...checks) =>
  async (...args) => {
    for (const check of checks) await check(...args);
  };
/** Spans reached the sink; with `namePattern`, one of them has a matching name (proves an instrumentation ran). */
const spansExported =
  (namePattern) =>
  ({ counts, spanNames }) => {
    if (counts.spans === 0) throw new Error(`no span reached the OTLP endpoint (${JSON.stringify(counts)})`);
    if (namePattern && !spanNames.some((name) => namePattern.test(name))) {
      throw new Error(`no span named like ${namePattern}; got ${spanNames.slice(0, 20).join(", ")}`);
    }
  };

const OTEL_PRELOAD = ["--import", pathToFileURL(new URL("./otel-manual-preload.mjs", import.meta.url).pathname).href];
const otelManual = (ratio) => ({
  nodeArguments: OTEL_PRELOAD,
  env: { BENCH_OTEL_SAMPLE_RATIO: String(ratio) },
  checkSink: spansExported(/^request handler/),
});

/** The tracing variant at 100 % sampling (a span to export per request), its collector given by the fault mode. */
const tracingAgainst = (endpoint) => ({
  module: "periscope-tracing-100",
  faultEnv: (faults) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: faults[endpoint] }),
});

/** Sentry errors-only capturing one request in ten, its DSN given by the fault mode. */
const sentryAgainst = (endpoint) => ({
  module: "sentry-capturing",
  faultEnv: (faults) => ({ BENCH_SENTRY_DSN: `${faults[endpoint].replace("http://", "http://publickey@")}/1` }),
});
const sentryTried = async (_server, stats) => {
  if (!(stats.sent + stats.failed + Object.values(stats.dropped ?? {}).reduce((a, b) => a + b, 0) > 0)) {
    throw new Error(`no Sentry event was sent, failed or dropped (stats: ${JSON.stringify(stats)})`);
  }
};

export const SUITES = {
  metrics: {
    title: "HTTP overhead: metrics middleware",
    variants: {
      bare: {},
      "periscope-metrics": { check: metricsShown(/route="\/hello"/) },
      "prom-bundle": { check: metricsShown(/path="\/hello"/) },
      "prom-client-manual": { check: metricsShown(/route="\/hello"/) },
    },
    goals: [
      { variant: "periscope-metrics", atLeast: 0.95, of: "bare" },
      { variant: "periscope-metrics", atLeast: 1, of: "prom-bundle" },
    ],
  },
  tracing: {
    title: "HTTP overhead: tracing",
    otlpSink: true,
    variants: {
      bare: {},
      "periscope-tracing-100": { checkSink: spansExported() },
      "periscope-tracing-10": { checkSink: spansExported() },
      "otel-http-express-100": otelManual(1),
      "otel-http-express-10": otelManual(0.1),
      "otel-auto": {
        nodeArguments: ["--import", "@opentelemetry/auto-instrumentations-node/register"],
        env: {
          OTEL_SERVICE_NAME: "bench",
          OTEL_TRACES_EXPORTER: "otlp",
          OTEL_METRICS_EXPORTER: "none",
          OTEL_LOGS_EXPORTER: "none",
          OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
        },
        checkSink: spansExported(),
      },
    },
    goals: [
      { variant: "periscope-tracing-10", atLeast: 0.85, of: "bare" },
      { variant: "periscope-tracing-100", atLeast: 0.6, of: "bare", label: "exporting over OTLP/HTTP" },
      { variant: "periscope-tracing-10", atLeast: 1, of: "otel-http-express-10" },
      { variant: "periscope-tracing-100", atLeast: 1, of: "otel-http-express-100" },
    ],
  },
  logging: {
    title: "HTTP overhead: request log",
    variants: {
      bare: {},
      "periscope-logging": { check: linesLogged },
      "periscope-request-log": { check: linesLogged },
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
    title: "HTTP overhead: Sentry",
    variants: {
      bare: {},
      "sentry-errors-only": {},
      "sentry-defaults": {},
      "sentry-node-tracing": {},
    },
    goals: [{ variant: "sentry-errors-only", atLeast: 0.97, of: "bare" }],
  },
  "full-stack": {
    title: "HTTP overhead: the full stack",
    otlpSink: true,
    variants: {
      bare: {},
      "periscope-full-stack": {
        check: allOf(metricsShown(/route="\/hello"/), linesLogged, healthReady),
        checkSink: spansExported(),
      },
      "peer-full-stack": {
        ...otelManual(0.1),
        check: allOf(metricsShown(/path="\/hello"/), linesLogged),
      },
    },
    goals: [
      { variant: "periscope-full-stack", atLeast: 0.7, of: "bare" },
      { variant: "periscope-full-stack", atLeast: 0.75, of: "bare", label: "stretch" },
      { variant: "periscope-full-stack", atLeast: 1, of: "peer-full-stack" },
    ],
  },
  faults: {
    title: "HTTP overhead under failing telemetry back ends (fault mode)",
    otlpSink: true,
    faultEndpoints: true,
    variants: {
      bare: {},
      "tracing-collector-healthy": { module: "periscope-tracing-100", checkSink: spansExported() },
      "tracing-collector-refusing": tracingAgainst("refusedUrl"),
      "tracing-collector-500": tracingAgainst("failingUrl"),
      "tracing-collector-black-hole": tracingAgainst("blackHoleUrl"),
      "sentry-dsn-healthy": { ...sentryAgainst("healthyUrl"), check: sentryTried },
      "sentry-dsn-refusing": { ...sentryAgainst("refusedUrl"), check: sentryTried },
      "sentry-dsn-500": { ...sentryAgainst("failingUrl"), check: sentryTried },
      "sentry-dsn-black-hole": { ...sentryAgainst("blackHoleUrl"), check: sentryTried },
    },
    goals: [
      { variant: "tracing-collector-refusing", atLeast: 0.9, of: "tracing-collector-healthy" },
      { variant: "tracing-collector-500", atLeast: 0.9, of: "tracing-collector-healthy" },
      { variant: "tracing-collector-black-hole", atLeast: 0.9, of: "tracing-collector-healthy" },
      { variant: "sentry-dsn-refusing", atLeast: 0.9, of: "sentry-dsn-healthy" },
      { variant: "sentry-dsn-500", atLeast: 0.9, of: "sentry-dsn-healthy" },
      { variant: "sentry-dsn-black-hole", atLeast: 0.9, of: "sentry-dsn-healthy" },
    ],
  },
};
