export { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
export type { BoundedBatchOptions, ExportStats } from "./bounded-batch-processor.js";
export { BoundedBatchSpanProcessor } from "./bounded-batch-processor.js";
export type { TracingConfig } from "./config.js";
export {
  DEFAULT_ATTRIBUTE_COUNT_LIMIT,
  DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT,
  DEFAULT_OTLP_TRACES_URL,
  DEFAULT_SHUTDOWN_TIMEOUT_MILLIS,
  resolveTracingConfig,
} from "./config.js";
export type { DatabaseSpanOptions } from "./database-span.js";
export { databaseSpan, sanitizeQuery } from "./database-span.js";
export type { TracingHandle } from "./init-tracing.js";
export { initTracing } from "./init-tracing.js";
export type {
  BatchOptions,
  DropReason,
  ExporterName,
  HttpInstrumentationOptions,
  OtlpProtocol,
  SamplerName,
  SpanLimitOptions,
  TracingOptions,
} from "./options.js";
export type { RedactingSpanProcessorOptions } from "./redacting-span-processor.js";
export { RedactingSpanProcessor } from "./redacting-span-processor.js";
export type { TestTracing } from "./testing.js";
export { createTestTracing } from "./testing.js";
export type { SpanOptions, TracedOptions } from "./traced.js";
export { recordError, traced, withSpan } from "./traced.js";
