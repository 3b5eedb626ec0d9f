import { OTLPTraceExporter as OtlpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OtlpProtobufExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { ConsoleSpanExporter, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { TracingConfig } from "./config.js";
import type { ExporterName } from "./options.js";

/** The exporter for a configured name; the OTLP ones give up on an export after the batch export timeout. */
export function createSpanExporter(exporter: ExporterName | SpanExporter, config: TracingConfig): SpanExporter {
  if (typeof exporter === "object") return exporter;
  if (exporter === "console") return new ConsoleSpanExporter();
  const otlpOptions = {
    url: config.otlp.url,
    headers: config.otlp.headers,
    timeoutMillis: config.batch.exportTimeoutMillis,
    // One export at a time comes from our processor; keep the exporter's own backlog tiny as well.
    concurrencyLimit: 2,
  };
  return config.otlp.protocol === "http/json"
    ? new OtlpJsonExporter(otlpOptions)
    : new OtlpProtobufExporter(otlpOptions);
}
