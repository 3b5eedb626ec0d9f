import type { Span } from "@opentelemetry/api";
import { createRedactionPolicy } from "@periscope/redact";
import { secretsCorpus } from "@periscope/redact/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createTestTracing, type TestTracing } from "./testing.js";

let tracing: TestTracing | undefined;
afterEach(async () => {
  await tracing?.shutdown();
});

function endOne(options: Parameters<typeof createTestTracing>[0], fill: (span: Span) => void) {
  tracing = createTestTracing({ registerGlobal: false, ...options });
  const span = tracing.tracer.startSpan("work");
  fill(span);
  span.end();
  const [exported] = tracing.spans();
  if (!exported) throw new Error("no span exported");
  return exported;
}

describe("RedactingSpanProcessor", () => {
  it("masks values under sensitive keys, with the policy's mask", () => {
    const span = endOne({}, (span) => {
      span.setAttribute("db.password", "hunter2");
      span.setAttribute("http.request.header.authorization", ["Bearer abc"]);
      span.setAttribute("http.response.status_code", 200);
    });
    expect(span.attributes).toEqual({
      "db.password": "[REDACTED]",
      "http.request.header.authorization": "[REDACTED]",
      "http.response.status_code": 200,
    });
    const custom = endOne({ redaction: createRedactionPolicy({ mask: "***" }) }, (span) => {
      span.setAttribute("app.api_key", "k-123");
    });
    expect(custom.attributes["app.api_key"]).toBe("***");
  });

  it("masks secrets inside ordinary values, URLs, event attributes and status messages", () => {
    const span = endOne({}, (span) => {
      span.setAttribute("url.full", "https://api.example.com/login?user=bob&token=QryT0ken-8c1d2e3f4a5b");
      span.addEvent("retry", { "retry.password": "Hunter2-Periscope-9f3a" });
      span.setStatus({ code: 2, message: "failed" });
    });
    expect(span.attributes["url.full"]).not.toContain("QryT0ken-8c1d2e3f4a5b");
    expect(span.attributes["url.full"]).toContain("user=bob");
    expect(span.events[0]?.attributes?.["retry.password"]).toBe("[REDACTED]");
  });

  it("no secret of the corpus survives, as a value under an ordinary key or in an exception", () => {
    const span = endOne({}, (span) => {
      secretsCorpus.forEach((sample, index) => {
        span.setAttribute(`sample.${index}`, sample.text);
      });
      span.recordException(new Error(secretsCorpus.map((sample) => sample.text).join(" | ")));
    });
    const exported = JSON.stringify({ attributes: span.attributes, events: span.events });
    for (const sample of secretsCorpus) {
      expect(exported, sample.name).not.toContain(sample.secret);
    }
  });

  it("bounds the attribute count and value length (defaults 128 and 4096)", () => {
    const span = endOne({}, (span) => {
      for (let index = 0; index < 200; index++) span.setAttribute(`attribute.${index}`, index);
      span.setAttribute("attribute.0", "x".repeat(10_000));
    });
    expect(Object.keys(span.attributes)).toHaveLength(128);
    expect(span.droppedAttributesCount).toBe(72);
    expect(span.attributes["attribute.0"]).toBe("x".repeat(4096));
  });

  it("passes a span with nothing to redact through untouched", () => {
    tracing = createTestTracing();
    const span = tracing.tracer.startSpan("clean", { attributes: { "http.request.method": "GET" } });
    span.end();
    expect(tracing.spans()[0]).toBe(span);
  });

  it("can be turned off", () => {
    const span = endOne({ redaction: false }, (span) => {
      span.setAttribute("db.password", "hunter2");
    });
    expect(span.attributes["db.password"]).toBe("hunter2");
  });
});
