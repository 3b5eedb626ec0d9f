import { afterEach, describe, expect, it } from "vitest";
import { createPagerDutyChannel } from "../../src/channels/pagerduty.js";
import { createSlackChannel } from "../../src/channels/slack.js";
import { createWebhookChannel } from "../../src/channels/webhook.js";
import { fastRetry, sampleAlert } from "./fixtures.js";
import { type Listener, startListener } from "./listener.js";

let listener: Listener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

const channels = {
  slack: (url: string, extra = {}) => createSlackChannel({ webhookUrl: url, retry: fastRetry, ...extra }),
  pagerduty: (url: string, extra = {}) => createPagerDutyChannel({ routingKey: "k", url, retry: fastRetry, ...extra }),
  webhook: (url: string, extra = {}) => createWebhookChannel({ url, secret: "s", retry: fastRetry, ...extra }),
};

describe.each(Object.entries(channels))("%s retries against a real listener", (_, make) => {
  it("retries a 429 once, then succeeds", async () => {
    listener = await startListener([{ status: 429, body: "rate_limited" }, { status: 200 }]);
    expect(await make(listener.url).send(sampleAlert())).toEqual({ ok: true, attempts: 2, status: 200 });
    expect(listener.received).toHaveLength(2);
  });

  it("does not retry a 400", async () => {
    listener = await startListener([{ status: 400, body: "invalid_payload" }, { status: 200 }]);
    const result = await make(listener.url).send(sampleAlert());
    expect(result).toEqual({
      ok: false,
      attempts: 1,
      status: 400,
      retryable: false,
      error: "HTTP 400: invalid_payload",
    });
    expect(listener.received).toHaveLength(1);
  });

  it("gives up after maxAttempts on repeated 5xx", async () => {
    listener = await startListener([{ status: 502 }]);
    expect(await make(listener.url).send(sampleAlert())).toMatchObject({
      ok: false,
      attempts: 3,
      status: 502,
      retryable: true,
    });
  });

  it("honours Retry-After on a 503", async () => {
    listener = await startListener([{ status: 503, headers: { "retry-after": "1" } }, { status: 200 }]);
    const result = await make(listener.url).send(sampleAlert());
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    const [first, second] = listener.received;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("does not wait for a Retry-After past its bound, and hands it back", async () => {
    listener = await startListener([{ status: 503, headers: { "retry-after": "120" } }, { status: 200 }]);
    const started = Date.now();
    const result = await make(listener.url, { retry: { ...fastRetry, maxRetryAfterMs: 5000 } }).send(sampleAlert());
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 503, retryable: true, retryAfterMs: 120_000 });
  });

  it("times out a slow listener and retries", async () => {
    listener = await startListener([{ status: 200, delayMs: 2000 }, { status: 200 }]);
    const result = await make(listener.url, { timeoutMs: 200 }).send(sampleAlert());
    expect(result).toEqual({ ok: true, attempts: 2, status: 200 });
  });

  it("retries network errors and reports them without throwing", async () => {
    const closed = await startListener();
    const url = closed.url;
    await closed.close();
    const result = await make(url).send(sampleAlert());
    expect(result).toMatchObject({ ok: false, attempts: 3, retryable: true });
    expect(result.error).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it("stops when the caller aborts", async () => {
    listener = await startListener([{ status: 503 }]);
    const controller = new AbortController();
    const sending = make(listener.url, {
      retry: { ...fastRetry, baseDelayMs: 5000, maxDelayMs: 5000, random: () => 0.99 },
    }).send(sampleAlert(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await sending).toMatchObject({ ok: false, attempts: 1, retryable: true, error: "delivery aborted" });
  });
});
