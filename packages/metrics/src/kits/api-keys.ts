import type { Metrics } from "../create-metrics.js";
import { defineMetric } from "../definition.js";
import { createKit } from "../kit.js";

/** Organisation and key series kept at most; the rest share the overflow series. */
export const MAX_API_KEY_SERIES = 1000;

export const API_KEY_METRICS = {
  requests: defineMetric({
    name: "api_key_requests_total",
    help: "Requests authenticated by API key, by organisation, key id (never the key itself) and status.",
    type: "counter",
    labelNames: ["organization", "key_id", "status"],
    maxSeries: MAX_API_KEY_SERIES,
  }),
  rateLimitRejections: defineMetric({
    name: "rate_limit_rejections_total",
    help: "Requests rejected by a rate limit, by organisation and limit type (per_minute, monthly).",
    type: "counter",
    labelNames: ["organization", "limit_type"],
    maxSeries: MAX_API_KEY_SERIES,
  }),
  quotaUsed: defineMetric({
    name: "api_quota_used_ratio",
    help: "Share of each organisation's quota used in the current period, from 0 to 1, by quota.",
    type: "gauge",
    labelNames: ["organization", "quota"],
    maxSeries: MAX_API_KEY_SERIES,
  }),
} as const;

/** API keys and rate limits: requests by organisation and key, rejections by limit type, quota use. */
export function createApiKeyMetrics(metrics: Metrics) {
  return createKit(metrics, API_KEY_METRICS);
}
