import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { tracingMiddleware } from "../../src/express.js";
import { initTracing, type TracingHandle } from "../../src/index.js";
import { startOtlpReceiver } from "../otlp-receiver.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(env: Record<string, string>) {
  const receiver = await startOtlpReceiver();
  cleanups.push(receiver.close);
  const tracing: TracingHandle = initTracing({
    endpoint: `${receiver.url}/v1/traces`,
    protocol: "http/json",
    batch: { scheduledDelayMillis: 20 },
    env,
  });
  cleanups.push(() => tracing.shutdown());
  const app = express();
  app.use(tracingMiddleware(tracing));
  app.get("/items/:id", (_request, response) => {
    response.send("ok");
  });
  const server = await listen(app);
  cleanups.push(server.close);
  return { receiver, tracing, url: server.url };
}

async function hit(url: string, count: number, headers?: (index: number) => Record<string, string>) {
  for (let index = 0; index < count; index += 20) {
    const batch = Array.from({ length: Math.min(20, count - index) }, (_, offset) =>
      fetch(`${url}/items/${index + offset}`, { headers: headers?.(index + offset) }).then((response) =>
        response.text(),
      ),
    );
    await Promise.all(batch);
  }
}

describe("sampling", () => {
  it("records every request at 100% (OTEL_TRACES_SAMPLER=always_on)", async () => {
    const { receiver, tracing, url } = await setUp({ OTEL_TRACES_SAMPLER: "always_on" });
    await hit(url, 200);
    await tracing.forceFlush();
    const spans = await receiver.waitForSpans((all) => all.length >= 200);
    expect(spans).toHaveLength(200);
    expect(new Set(spans.map((span) => span.attributes["url.path"])).size).toBe(200);
    expect(tracing.droppedSpans()).toBe(0);
  });

  it("records about 10% with OTEL_TRACES_SAMPLER=traceidratio and OTEL_TRACES_SAMPLER_ARG=0.1", async () => {
    const { receiver, tracing, url } = await setUp({
      OTEL_TRACES_SAMPLER: "traceidratio",
      OTEL_TRACES_SAMPLER_ARG: "0.1",
    });
    await hit(url, 600);
    await tracing.forceFlush();
    const count = receiver.spans().length;
    // Binomial(600, 0.1): mean 60, standard deviation 7.3; these bounds are more than 4 deviations away.
    expect(count).toBeGreaterThan(25);
    expect(count).toBeLessThan(100);
    expect(tracing.stats().exported).toBe(count);
  });

  it("follows the caller's sampled flag with parentbased_traceidratio", async () => {
    const { receiver, tracing, url } = await setUp({
      OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
      OTEL_TRACES_SAMPLER_ARG: "0",
    });
    const traceparent = (index: number, flags: string) =>
      `00-${(index + 1).toString(16).padStart(32, "a")}-00f067aa0ba902b7-${flags}`;
    await hit(url, 20, (index) => ({ traceparent: traceparent(index, index % 2 === 0 ? "01" : "00") }));
    await hit(url, 20); // no parent: ratio 0 → nothing
    await tracing.forceFlush();
    const spans = receiver.spans();
    expect(spans).toHaveLength(10);
    expect(spans.every((span) => span.parentSpanId === "00f067aa0ba902b7")).toBe(true);
  });
});
