import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./signature.js";

const secret = "whsec-test-1";
const body = '{"status":"firing"}';
const now = 1_772_000_000_000;
const ts = String(now / 1000);

describe("webhook signatures", () => {
  it("is v1= hex HMAC-SHA256 of timestamp.body", () => {
    const expected = createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
    expect(signWebhook(secret, ts, body)).toBe(`v1=${expected}`);
  });

  it("verifies a fresh request from plain or fetch headers", () => {
    const headers = { "x-periscope-timestamp": ts, "x-periscope-signature": signWebhook(secret, ts, body) };
    expect(verifyWebhookSignature(secret, headers, body, { now })).toEqual({ ok: true, timestamp: Number(ts) });
    expect(verifyWebhookSignature(secret, new Headers(headers), Buffer.from(body), { now }).ok).toBe(true);
  });

  it("rejects tampering, a wrong secret, stale timestamps and missing headers", () => {
    const headers = { "X-Periscope-Timestamp": ts, "X-Periscope-Signature": signWebhook(secret, ts, body) };
    expect(verifyWebhookSignature(secret, headers, `${body} `, { now })).toEqual({
      ok: false,
      reason: "signature mismatch",
    });
    expect(verifyWebhookSignature("other", headers, body, { now }).ok).toBe(false);
    expect(verifyWebhookSignature(secret, headers, body, { now: now + 301_000 })).toEqual({
      ok: false,
      reason: "timestamp outside the tolerance",
    });
    expect(verifyWebhookSignature(secret, headers, body, { now: now + 301_000, toleranceSeconds: 600 }).ok).toBe(true);
    expect(verifyWebhookSignature(secret, {}, body, { now }).ok).toBe(false);
    expect(verifyWebhookSignature(secret, { ...headers, "X-Periscope-Timestamp": "1e9" }, body, { now }).ok).toBe(
      false,
    );
    expect(verifyWebhookSignature("", headers, body, { now }).ok).toBe(false);
  });
});
