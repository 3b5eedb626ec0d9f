// OpenTelemetry set up by hand, as its "Getting started" for an ESM Express app does it, loaded with
// `node --import` before the app: NodeTracerProvider, parent-based ratio sampling (BENCH_OTEL_SAMPLE_RATIO,
// default 1), BatchSpanProcessor, OTLP/HTTP JSON exporter to OTEL_EXPORTER_OTLP_ENDPOINT, HttpInstrumentation
// and ExpressInstrumentation, the import-in-the-middle hook limited to the modules they patch.
import { register } from "node:module";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { ExpressInstrumentation } from "@opentelemetry/instrumentation-express";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { createAddHookMessageChannel } from "import-in-the-middle";

/** Where the variant modules find the provider to shut it down (they may be loaded through the hook). */
export const OTEL_MANUAL_HANDLE = Symbol.for("periscope.bench.otel-manual");

async function setUp() {
  const ratio = Number(process.env.BENCH_OTEL_SAMPLE_RATIO ?? "1");
  if (!(ratio >= 0 && ratio <= 1)) throw new Error(`BENCH_OTEL_SAMPLE_RATIO must be 0..1, got ${ratio}`);
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) throw new Error("OTEL_EXPORTER_OTLP_ENDPOINT is not set (the benchmark's OTLP sink)");

  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register("import-in-the-middle/hook.mjs", import.meta.url, registerOptions);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": "bench" }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation()],
  });
  await waitForAllMessagesAcknowledged();
  globalThis[OTEL_MANUAL_HANDLE] = { shutdown: () => provider.shutdown() };
}

await setUp();
