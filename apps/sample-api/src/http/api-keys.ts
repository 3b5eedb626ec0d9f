import { createHash } from "node:crypto";
import type { createApiKeyMetrics } from "@periscope/metrics";
import type express from "express";
import { createRateLimiter } from "./rate-limiter.js";

export interface ApiKey {
  organization: string;
  /** `key_` and the first 12 hex digits of the key's SHA-256: safe to log and to use as a label. */
  keyId: string;
}

export interface ApiKeySettings {
  /** By the SHA-256 of the key; empty means the API is open (no key asked for, no rate limit). */
  keys: Map<string, ApiKey>;
  perMinute: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;
const ORGANIZATION = /^[A-Za-z0-9_.-]{1,64}$/;
const KEY = /^[\x21-\x7e]{16,256}$/;

/**
 * API_KEYS (`org:key,org:key`; keys of 16 to 256 printable characters), RATE_LIMIT_PER_MINUTE (default 6000)
 * and RATE_LIMIT_BURST (default a tenth of a minute's worth); bad values throw naming the variable, never the key.
 */
export function readApiKeySettings(environment: NodeJS.ProcessEnv): ApiKeySettings {
  const keys = new Map<string, ApiKey>();
  const entries = (environment.API_KEYS ?? "").split(",").map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    if (entry === "") return;
    const colon = entry.indexOf(":");
    const organization = colon < 0 ? "" : entry.slice(0, colon);
    const key = colon < 0 ? "" : entry.slice(colon + 1);
    if (!ORGANIZATION.test(organization) || !KEY.test(key)) {
      throw new Error(
        `API_KEYS entry ${index + 1} must be organization:key (organization: letters, digits, _ . -; key: 16 to 256 printable characters)`,
      );
    }
    const hash = digest(key);
    if (keys.has(hash)) throw new Error(`API_KEYS entry ${index + 1} repeats a key`);
    keys.set(hash, { organization, keyId: `key_${hash.slice(0, 12)}` });
  });
  const integer = (name: string, fallback: number): number => {
    const text = environment[name];
    if (text === undefined || text === "") return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > 10_000_000) {
      throw new Error(`${name} must be an integer from 1 to 10000000, got "${text}"`);
    }
    return value;
  };
  const perMinute = integer("RATE_LIMIT_PER_MINUTE", DEFAULT_RATE_LIMIT_PER_MINUTE);
  return { keys, perMinute, burst: integer("RATE_LIMIT_BURST", Math.max(1, Math.ceil(perMinute / 10))) };
}

/**
 * With keys configured: a request without `x-api-key`, or with an unknown one, is a 401; a known key spends one
 * token of its bucket, and an empty bucket is a 429 with Retry-After. Records `api_key_requests_total` (by
 * organisation, key id and status code), `rate_limit_rejections_total{limit_type="per_minute"}` and
 * `api_quota_used_ratio{quota="per_minute"}` (the share of the bucket in use, as of the organisation's last request).
 * Without keys it passes every request on.
 */
export function apiKeyMiddleware(
  settings: ApiKeySettings,
  metrics: ReturnType<typeof createApiKeyMetrics>,
): express.RequestHandler {
  const limiter = createRateLimiter(settings);
  return (request, response, next) => {
    if (settings.keys.size === 0) {
      next();
      return;
    }
    const presented = request.get("x-api-key");
    const key = presented === undefined ? undefined : settings.keys.get(digest(presented));
    if (!key) {
      if (presented !== undefined) metrics.requests.inc({ organization: "unknown", key_id: "unknown", status: "401" });
      response.status(401).json({ error: "missing or unknown API key (send it in x-api-key)" });
      return;
    }
    response.once("finish", () => {
      metrics.requests.inc({
        organization: key.organization,
        key_id: key.keyId,
        status: String(response.statusCode),
      });
    });
    const taken = limiter.take(key.keyId);
    metrics.quotaUsed.set({ organization: key.organization, quota: "per_minute" }, taken.usedRatio);
    if (!taken.ok) {
      metrics.rateLimitRejections.inc({ organization: key.organization, limit_type: "per_minute" });
      response.setHeader("retry-after", String(taken.retryAfterSeconds));
      response.status(429).json({ error: `rate limit of ${settings.perMinute} requests per minute exceeded` });
      return;
    }
    next();
  };
}

function digest(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
