import * as http from "node:http";
import { context, propagation, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { initTracing, type TracingHandle } from "./init-tracing.js";

const handles: TracingHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.shutdown();
});

function init(options: Parameters<typeof initTracing>[0] = {}) {
  const handle = initTracing({ exporter: "none", env: {}, ...options });
  handles.push(handle);
  return handle;
}

describe("initTracing", () => {
  it("registers the provider, W3C propagators and an AsyncLocalStorage context globally; shutdown undoes it", async () => {
    const originalRequest = http.request;
    const tracing = init();
    expect(tracing.enabled).toBe(true);
    expect(http.request).not.toBe(originalRequest);
    const span = trace.getTracer("t").startSpan("global");
    expect(span.isRecording()).toBe(true);
    const carrier: Record<string, string> = {};
    await context.with(trace.setSpan(ROOT_CONTEXT, span), async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      propagation.inject(context.active(), carrier);
    });
    expect(carrier.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    span.end();

    await tracing.shutdown();
    await tracing.shutdown();
    expect(http.request).toBe(originalRequest);
    expect(trace.getTracer("t").startSpan("after").isRecording()).toBe(false);
    const after: Record<string, string> = {};
    propagation.inject(trace.setSpan(ROOT_CONTEXT, span), after);
    expect(after).toEqual({});
  });

  it("refuses a second registration with a clear error, and can start again after shutdown", async () => {
    const first = init();
    expect(() => initTracing({ exporter: "none", env: {}, instrumentations: { http: false } })).toThrow(
      /already registered.*shutdown\(\)/,
    );
    await first.shutdown();
    const second = init();
    expect(second.enabled).toBe(true);
  });

  it("works without touching the globals when registerGlobal is false", () => {
    const tracing = init({ registerGlobal: false, instrumentations: { http: false } });
    expect(tracing.tracer.startSpan("local").isRecording()).toBe(true);
    expect(trace.getTracer("t").startSpan("global").isRecording()).toBe(false);
  });

  it("is a no-op with OTEL_SDK_DISABLED=true", () => {
    const originalRequest = http.request;
    const tracing = init({ env: { OTEL_SDK_DISABLED: "true" } });
    expect(tracing.enabled).toBe(false);
    expect(tracing.tracer.startSpan("x").isRecording()).toBe(false);
    expect(trace.getTracer("t").startSpan("global").isRecording()).toBe(false);
    expect(http.request).toBe(originalRequest);
    expect(tracing.droppedSpans()).toBe(0);
  });

  it("reports bad environment values through onWarning, naming the variable", () => {
    const warnings: string[] = [];
    init({ env: { OTEL_BSP_MAX_QUEUE_SIZE: "many" }, onWarning: (message) => warnings.push(message) });
    expect(warnings).toEqual([expect.stringContaining("OTEL_BSP_MAX_QUEUE_SIZE")]);
  });

  it("applies the span limits to recorded spans", () => {
    const tracing = init({
      spanLimits: { attributeCountLimit: 2, attributeValueLengthLimit: 5 },
      registerGlobal: false,
    });
    const span = tracing.tracer.startSpan("limited", { attributes: { a: "123456789", b: 1, c: 2 } });
    const readable = span as unknown as { attributes: Record<string, unknown>; droppedAttributesCount: number };
    expect(readable.attributes).toEqual({ a: "12345", b: 1 });
    expect(readable.droppedAttributesCount).toBe(1);
    span.end();
  });
});
