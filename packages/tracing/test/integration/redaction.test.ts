import { createRedactionPolicy } from "@periscope/redact";
import { secretsCorpus } from "@periscope/redact/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initTracing, type TracingHandle } from "../../src/index.js";
import { startOtlpReceiver } from "../otlp-receiver.js";

describe("span attributes reach the collector redacted and bounded", () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let tracing: TracingHandle;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    tracing = initTracing({
      endpoint: `${receiver.url}/v1/traces`,
      protocol: "http/json",
      registerGlobal: false,
      instrumentations: { http: false },
      spanLimits: { attributeCountLimit: 256, attributeValueLengthLimit: 1000 },
      env: {},
    });
  });

  afterAll(async () => {
    await tracing?.shutdown();
    await receiver?.close();
  });

  it("masks every corpus secret, under ordinary keys and under sensitive keys", async () => {
    const policy = createRedactionPolicy();
    const span = tracing.tracer.startSpan("corpus");
    secretsCorpus.forEach((sample, index) => {
      // The secret in its realistic carrier (a log line, a URL, a header line, JSON) under an ordinary key...
      expect(policy.isSensitiveKey(`sample.${index}.text`)).toBe(false);
      span.setAttribute(`sample.${index}.text`, sample.text);
      // ...and the bare secret under a sensitive key.
      const sensitiveKey = `sample.${index}.password`;
      expect(policy.isSensitiveKey(sensitiveKey)).toBe(true);
      span.setAttribute(sensitiveKey, sample.secret);
    });
    span.end();
    await tracing.forceFlush();
    const [received] = await receiver.waitForSpans((spans) => spans.some((one) => one.name === "corpus"));
    expect(Object.keys(received?.attributes ?? {})).toHaveLength(secretsCorpus.length * 2);
    const body = receiver.requests.map((request) => request.body.toString("utf8")).join("\n");
    for (const [index, sample] of secretsCorpus.entries()) {
      expect(body, sample.name).not.toContain(sample.secret);
      expect(received?.attributes[`sample.${index}.password`]).toBe("[REDACTED]");
    }
  });

  it("bounds attribute count and value length as configured", async () => {
    const span = tracing.tracer.startSpan("bounded");
    for (let index = 0; index < 300; index++) span.setAttribute(`key.${index}`, `value ${index}`);
    span.setAttribute("key.0", "y".repeat(5000));
    span.end();
    await tracing.forceFlush();
    const spans = await receiver.waitForSpans((all) => all.some((one) => one.name === "bounded"));
    const bounded = spans.find((one) => one.name === "bounded");
    expect(Object.keys(bounded?.attributes ?? {})).toHaveLength(256);
    expect(bounded?.droppedAttributesCount).toBe(44);
    expect(bounded?.attributes["key.0"]).toBe("y".repeat(1000));
  });
});
