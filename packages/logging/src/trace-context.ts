import { createRequire } from "node:module";

/** The ids of the span active when a record is written. */
export interface TraceIds {
  readonly trace_id: string;
  readonly span_id: string;
}

/** Returns the trace and span ids of the current moment, or undefined when there is no valid span. */
export type TraceSource = () => TraceIds | undefined;

interface SpanContextLike {
  traceId: string;
  spanId: string;
}
interface OpenTelemetryApi {
  trace: { getActiveSpan(): { spanContext(): SpanContextLike } | undefined };
  isSpanContextValid(spanContext: SpanContextLike): boolean;
}

/**
 * Reads the active span through `@opentelemetry/api` when the application has it installed (an
 * optional peer dependency). The API keeps its state on a global, so this copy sees the spans of
 * the application's copy. Unsampled spans still count: their ids correlate logs all the same.
 */
export function activeSpanTraceSource(): TraceSource | undefined {
  const api = loadOpenTelemetryApi();
  if (!api) return undefined;
  return () => {
    const spanContext = api.trace.getActiveSpan()?.spanContext();
    if (!spanContext || !api.isSpanContextValid(spanContext)) return undefined;
    return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
  };
}

function loadOpenTelemetryApi(): OpenTelemetryApi | undefined {
  try {
    return createRequire(import.meta.url)("@opentelemetry/api") as OpenTelemetryApi;
  } catch {
    return undefined;
  }
}
