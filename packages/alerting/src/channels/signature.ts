import { createHmac, timingSafeEqual } from "node:crypto";

export const TIMESTAMP_HEADER = "x-periscope-timestamp";
export const SIGNATURE_HEADER = "x-periscope-signature";

/** `v1=` + hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function signWebhook(secret: string, timestamp: number | string, body: string | Uint8Array): string {
  const hmac = createHmac("sha256", secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return `v1=${hmac.digest("hex")}`;
}

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** How old (or how far in the future) the timestamp may be. Default 300 s. */
  toleranceSeconds?: number;
  /** Current time in ms; default Date.now(). */
  now?: number;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Checks a webhook from this package: the signature over the raw body, and a timestamp within
 * `toleranceSeconds` of now, so a captured request cannot be replayed later. Never throws.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: HeaderSource,
  body: string | Uint8Array,
  options: VerifyOptions = {},
): VerifyResult {
  if (typeof secret !== "string" || secret === "") return { ok: false, reason: "no secret configured" };
  if (headers === null || typeof headers !== "object") return { ok: false, reason: "no headers" };
  const timestampText = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (!timestampText || !/^\d{1,12}$/.test(timestampText))
    return { ok: false, reason: "missing or malformed timestamp" };
  if (!signature) return { ok: false, reason: "missing signature" };
  const timestamp = Number(timestampText);
  const tolerance = options.toleranceSeconds ?? 300;
  const now = (options.now ?? Date.now()) / 1000;
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: "timestamp outside the tolerance" };
  const expected = Buffer.from(signWebhook(secret, timestampText, body));
  // A header may list several signatures (during secret rotation): any one matching is enough.
  const matches = signature
    .split(",")
    .map((part) => Buffer.from(part.trim()))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: "signature mismatch" };
}
