import {
  type Attributes,
  type Context,
  context,
  type Link,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";

export interface SpanOptions {
  name: string;
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** Start a new trace instead of a child of the active span. */
  root?: boolean;
  /** Default: the global API tracer `@periscope/tracing` (the one initTracing registers). */
  tracer?: Tracer;
  /** Parent context, default the active one. */
  context?: Context;
}

export type TracedOptions = Omit<SpanOptions, "name">;

const DEFAULT_TRACER_NAME = "@periscope/tracing";

/**
 * Runs `fn` in a new active span: the span ends exactly once, when `fn` returns or its promise settles.
 * A thrown error or rejection is recorded (exception event, status ERROR, `error.type`) and rethrown.
 */
export function withSpan<T>(options: SpanOptions, fn: (span: Span) => T): T {
  const tracer = options.tracer ?? trace.getTracer(DEFAULT_TRACER_NAME);
  const parent = options.context ?? context.active();
  const span = tracer.startSpan(
    options.name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: options.attributes,
      links: options.links,
      root: options.root,
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), () => {
    let result: T;
    try {
      result = fn(span);
    } catch (error) {
      recordError(span, error);
      span.end();
      throw error;
    }
    if (!isPromiseLike(result)) {
      span.end();
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        recordError(span, error);
        span.end();
        throw error;
      },
    ) as T;
  });
}

/** `withSpan({ name, ...options }, fn)`. */
export function traced<T>(name: string, fn: (span: Span) => T, options: TracedOptions = {}): T {
  return withSpan({ ...options, name }, fn);
}

/** Marks a span failed by `error`: an exception event, status ERROR and `error.type` (the error's class). */
export function recordError(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
  span.setAttribute("error.type", errorType(error));
}

function errorType(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    return error.constructor?.name || error.name || "Error";
  }
  return "_OTHER";
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
