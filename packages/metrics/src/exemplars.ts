import { createRequire } from "node:module";

/** Labels of an OpenMetrics exemplar: the trace and span a sample was recorded in. */
export interface ExemplarLabels {
  readonly trace_id: string;
  readonly span_id: string;
}

/** Returns the exemplar of the current moment, or undefined when there is no sampled span. */
export type ExemplarSource = () => ExemplarLabels | undefined;

interface SpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags: number;
}
interface OpenTelemetryApi {
  trace: { getActiveSpan(): { spanContext(): SpanContextLike } | undefined };
}

const SAMPLED_FLAG = 1;

/**
 * Reads the active span through `@opentelemetry/api` when the application has it installed
 * (an optional peer dependency). The API keeps its state on a global, so this copy sees the
 * spans of the application's copy.
 */
export function activeSpanExemplarSource(): ExemplarSource | undefined {
  const api = loadOpenTelemetryApi();
  if (!api) return undefined;
  return () => exemplarOf(api.trace.getActiveSpan()?.spanContext());
}

export function exemplarOf(spanContext: SpanContextLike | undefined): ExemplarLabels | undefined {
  if (!spanContext || (spanContext.traceFlags & SAMPLED_FLAG) === 0) return undefined;
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

function loadOpenTelemetryApi(): OpenTelemetryApi | undefined {
  try {
    return createRequire(import.meta.url)("@opentelemetry/api") as OpenTelemetryApi;
  } catch {
    return undefined;
  }
}
