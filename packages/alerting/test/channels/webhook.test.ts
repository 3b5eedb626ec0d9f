import { afterEach, describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from "../../src/channels/signature.js";
import { createWebhookChannel } from "../../src/channels/webhook.js";
import { fastRetry, sampleAlert } from "./fixtures.js";
import { type Listener, startListener } from "./listener.js";

let listener: Listener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

const secret = "webhook-signing-secret-1";

describe("webhook channel against a real listener", () => {
  it("posts signed JSON that verifies, and fails when tampered or replayed late", async () => {
    listener = await startListener([{ status: 204 }]);
    const channel = createWebhookChannel({
      url: `${listener.url}/hooks/alerts`,
      secret,
      headers: { "x-tenant": "t1" },
      retry: fastRetry,
    });
    const alert = sampleAlert();
    expect(await channel.send(alert)).toEqual({ ok: true, attempts: 1, status: 204 });
    const request = listener.received[0];
    if (!request) throw new Error("nothing received");
    expect(request.headers["x-tenant"]).toBe("t1");
    expect(request.headers[TIMESTAMP_HEADER]).toMatch(/^\d{10}$/);
    expect(request.headers[SIGNATURE_HEADER]).toMatch(/^v1=[0-9a-f]{64}$/);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      version: "1",
      status: "firing",
      fingerprint: alert.fingerprint,
      title: "[FIRING] HighErrorRate: api 5xx ratio above 5%",
      text: "5xx ratio is 7.2% over 5m <for> the & api",
      value: "0.072",
      runbookUrl: "https://runbooks.example.com/HighErrorRate",
      labels: alert.labels,
    });

    expect(verifyWebhookSignature(secret, request.headers, request.body).ok).toBe(true);
    expect(verifyWebhookSignature(secret, request.headers, request.body.replace("firing", "resolved"))).toEqual({
      ok: false,
      reason: "signature mismatch",
    });
    const tenMinutesLater = Number(request.headers[TIMESTAMP_HEADER]) * 1000 + 600_000;
    expect(verifyWebhookSignature(secret, request.headers, request.body, { now: tenMinutesLater })).toEqual({
      ok: false,
      reason: "timestamp outside the tolerance",
    });
  });

  it("signs each retry with its own timestamp", async () => {
    listener = await startListener([{ status: 500 }, { status: 200 }]);
    let clock = 1_772_000_000_000;
    const channel = createWebhookChannel({
      url: listener.url,
      secret,
      retry: fastRetry,
      now: () => {
        clock += 1000;
        return clock;
      },
    });
    expect(await channel.send(sampleAlert())).toMatchObject({ ok: true, attempts: 2 });
    const [first, second] = listener.received;
    expect(first?.headers[TIMESTAMP_HEADER]).not.toBe(second?.headers[TIMESTAMP_HEADER]);
    const now = Number(second?.headers[TIMESTAMP_HEADER]) * 1000;
    expect(verifyWebhookSignature(secret, second?.headers ?? {}, second?.body ?? "", { now }).ok).toBe(true);
  });

  it("requires a secret", () => {
    expect(() => createWebhookChannel({ url: "http://127.0.0.1:1", secret: "" })).toThrow(/secret is required/);
  });
});
