import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestTracing, type TestTracing } from "./testing.js";
import { traced, withSpan } from "./traced.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = createTestTracing();
});
afterEach(async () => {
  await tracing.shutdown();
});

describe("traced / withSpan", () => {
  it("runs a sync function in an active span and returns its value", () => {
    const result = traced("compute", (span) => {
      expect(trace.getActiveSpan()).toBe(span);
      return 42;
    });
    expect(result).toBe(42);
    expect(tracing.spans().map((span) => span.name)).toEqual(["compute"]);
    expect(tracing.spans()[0]?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it("ends an async span when its promise settles, with children parented", async () => {
    const value = await traced("outer", async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return traced("inner", async () => "done");
    });
    expect(value).toBe("done");
    const [inner, outer] = tracing.spans();
    expect(inner?.name).toBe("inner");
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
  });

  it("records a thrown error and rethrows it, ending the span once", () => {
    class QuotaError extends Error {}
    expect(() =>
      traced("sync failure", () => {
        throw new QuotaError("over quota");
      }),
    ).toThrow("over quota");
    const [span] = tracing.spans();
    expect(tracing.spans()).toHaveLength(1);
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: "over quota" });
    expect(span?.attributes["error.type"]).toBe("QuotaError");
    expect(span?.events.map((event) => event.name)).toEqual(["exception"]);
  });

  it("records a rejection and rethrows it", async () => {
    const failure = Object.assign(new Error("constraint failed"), { code: "SQLITE_CONSTRAINT" });
    await expect(traced("async failure", async () => Promise.reject(failure))).rejects.toBe(failure);
    const [span] = tracing.spans();
    expect(span?.attributes["error.type"]).toBe("SQLITE_CONSTRAINT");
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("takes kind, attributes and an explicit tracer", () => {
    withSpan(
      {
        name: "publish",
        kind: SpanKind.PRODUCER,
        attributes: { "messaging.system": "bullmq" },
        tracer: tracing.tracer,
      },
      () => undefined,
    );
    const [span] = tracing.spans();
    expect(span?.kind).toBe(SpanKind.PRODUCER);
    expect(span?.attributes["messaging.system"]).toBe("bullmq");
  });

  it("is harmless without any tracing set up", async () => {
    await tracing.shutdown();
    expect(traced("no sdk", () => 1)).toBe(1);
  });
});
