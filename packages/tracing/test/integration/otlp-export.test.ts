import { afterEach, describe, expect, it } from "vitest";
import { initTracing } from "../../src/index.js";
import { startOtlpReceiver } from "../otlp-receiver.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function exportOneSpan(env: Record<string, string>, name: string) {
  const receiver = await startOtlpReceiver();
  cleanups.push(receiver.close);
  const tracing = initTracing({
    registerGlobal: false,
    instrumentations: { http: false },
    env: { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: "export-test" },
  });
  cleanups.push(() => tracing.shutdown());
  tracing.tracer.startSpan(name).end();
  await tracing.forceFlush();
  return { receiver, tracing };
}

describe("OTLP/HTTP export configured from OTEL_* variables", () => {
  it("sends http/protobuf by default to OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces, with OTEL_EXPORTER_OTLP_HEADERS", async () => {
    const { receiver, tracing } = await exportOneSpan(
      { OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer%20t0ken,x-tenant=acme" },
      "protobuf span name",
    );
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.path).toBe("/v1/traces");
    expect(request?.contentType).toBe("application/x-protobuf");
    expect(request?.headers.authorization).toBe("Bearer t0ken");
    expect(request?.headers["x-tenant"]).toBe("acme");
    // Protobuf keeps strings as UTF-8 bytes: the span name and the service name are in the body.
    expect(request?.body.includes(Buffer.from("protobuf span name"))).toBe(true);
    expect(request?.body.includes(Buffer.from("export-test"))).toBe(true);
    expect(tracing.stats().exported).toBe(1);
  });

  it("sends http/json with OTEL_EXPORTER_OTLP_PROTOCOL=http/json", async () => {
    const { receiver } = await exportOneSpan({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" }, "json span name");
    expect(receiver.requests[0]?.contentType).toBe("application/json");
    expect(receiver.spans().map((span) => [span.name, span.resource["service.name"]])).toEqual([
      ["json span name", "export-test"],
    ]);
  });

  it("exports nothing with OTEL_TRACES_EXPORTER=none", async () => {
    const { receiver, tracing } = await exportOneSpan({ OTEL_TRACES_EXPORTER: "none" }, "dropped");
    expect(receiver.requests).toHaveLength(0);
    expect(tracing.stats()).toMatchObject({ exported: 0, queued: 0 });
  });
});
