// @periscope/tracing at 100 % sampling: its server-span middleware, OTLP/protobuf export to the benchmark's sink.
import { useBeforeRouter } from "@periscope/express";
import { initTracing } from "@periscope/tracing";
import { tracingMiddleware } from "@periscope/tracing/express";

let tracing;

export async function install(app) {
  tracing = initTracing({
    serviceName: "bench",
    exporter: "otlp",
    sampler: "parentbased_traceidratio",
    samplerRatio: 1,
  });
  useBeforeRouter(app, tracingMiddleware(tracing));
}

export const shutdown = () => tracing?.shutdown();
