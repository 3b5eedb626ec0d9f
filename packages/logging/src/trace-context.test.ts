import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capture } from "../test/capture.js";
import { createLogger } from "./create-logger.js";
import { activeSpanTraceSource } from "./trace-context.js";

const contextManager = new AsyncLocalStorageContextManager();
const provider = new BasicTracerProvider();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  await provider.shutdown();
  context.disable();
  trace.disable();
});

describe("trace context", () => {
  it("is undefined without an active span", () => {
    expect(activeSpanTraceSource()?.()).toBeUndefined();
  });

  it("puts the active span's trace_id and span_id on records, across awaits", async () => {
    const out = new Capture();
    const logger = createLogger({ destination: out, service: "s", format: "json" });
    const tracer = trace.getTracer("test");
    const ids = await tracer.startActiveSpan("work", async (span) => {
      logger.info("start");
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.info("after an await");
      span.end();
      return span.spanContext();
    });
    logger.info("outside");
    await logger.shutdown();
    const [start, later, outside] = out.records();
    expect(start).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
    expect(later).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(start ?? {}).slice(0, 6)).toEqual([
      "timestamp",
      "level",
      "message",
      "service",
      "trace_id",
      "span_id",
    ]);
    expect(outside).not.toHaveProperty("trace_id");
  });

  it("ignores a span whose context is invalid", () => {
    const invalid = trace.wrapSpanContext({ traceId: "0".repeat(32), spanId: "0".repeat(16), traceFlags: 1 });
    const ids = context.with(trace.setSpan(context.active(), invalid), () => activeSpanTraceSource()?.());
    expect(ids).toBeUndefined();
  });

  it("can be turned off or replaced", async () => {
    const out = new Capture();
    const logger = createLogger({
      destination: out,
      service: "s",
      format: "json",
      traceContext: () => ({ trace_id: "t".repeat(32), span_id: "s".repeat(16) }),
    });
    logger.info("x");
    await logger.shutdown();
    expect(out.records()[0]).toMatchObject({ trace_id: "t".repeat(32) });
  });
});
