export { DEFAULT_MAX_SERIES, MAX_LABEL_VALUE_LENGTH, OVERFLOW_LABEL_VALUE } from "./cardinality.js";
export type { CreateMetricsOptions, Metrics } from "./create-metrics.js";
export { CARDINALITY_FOLDED_SAMPLES, createMetrics } from "./create-metrics.js";
export type { LabelValues, MetricDefinition, MetricType } from "./definition.js";
export { defineMetric } from "./definition.js";
export type { ExemplarLabels, ExemplarSource } from "./exemplars.js";
export type { ExpositionFormat } from "./exposition-format.js";
export { negotiateFormat, OPENMETRICS_CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE } from "./exposition-format.js";
export type { GuardOptions } from "./guarded-metrics.js";
export { GuardedCounter, GuardedGauge, GuardedHistogram } from "./guarded-metrics.js";
export type { HttpMetrics, HttpRequestOutcome } from "./http-metrics.js";
export {
  CLIENT_CLOSED_STATUS,
  createHttpMetrics,
  HTTP_DURATION_BUCKETS,
  HTTP_METRICS,
  HTTP_SIZE_BUCKETS,
  UNMATCHED_ROUTE,
} from "./http-metrics.js";
export type { Kit } from "./kit.js";
export { createKit } from "./kit.js";
export { AGENT_METRICS, createAgentMetrics, MAX_AGENT_SERIES } from "./kits/agents.js";
export { API_KEY_METRICS, createApiKeyMetrics, MAX_API_KEY_SERIES } from "./kits/api-keys.js";
export { CACHE_METRICS, createCacheMetrics } from "./kits/cache.js";
export { CHAIN_DURATION_BUCKETS, CHAIN_METRICS, createChainMetrics } from "./kits/chains.js";
export { createDatabaseMetrics, DATABASE_METRICS, DATABASE_QUERY_BUCKETS } from "./kits/database.js";
export { createLlmMetrics, LLM_DURATION_BUCKETS, LLM_METRICS } from "./kits/llm.js";
export {
  createNotificationMetrics,
  NOTIFICATION_DURATION_BUCKETS,
  NOTIFICATION_METRICS,
} from "./kits/notifications.js";
export { createScheduleMetrics, MAX_SCHEDULE_SERIES, SCHEDULE_METRICS } from "./kits/schedules.js";
export { createTaskMetrics, TASK_DURATION_BUCKETS, TASK_METRICS } from "./kits/tasks.js";
export type { MetricsHandler, MetricsHandlerOptions } from "./metrics-handler.js";
export { createMetricsHandler } from "./metrics-handler.js";
export type { PathPattern } from "./path-exclusion.js";
export { DEFAULT_EXCLUDED_PATHS } from "./path-exclusion.js";
export type { RenderOptions } from "./render.js";
export { renderRegistry, renderRegistryToString } from "./render.js";
export type { ScrapeAuth } from "./scrape-auth.js";
