import type { Metrics } from "../create-metrics.js";
import { defineMetric } from "../definition.js";
import { createKit } from "../kit.js";

/** Seconds; model calls take from a quarter second to two minutes. */
export const LLM_DURATION_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120] as const;

/**
 * Cost is counted twice, as estimated before the call and as billed after it, so drift is a query:
 * `sum(rate(llm_estimated_cost_usd_total[1h])) / sum(rate(llm_cost_usd_total[1h])) - 1`.
 */
export const LLM_METRICS = {
  requests: defineMetric({
    name: "llm_requests_total",
    help: "Calls to model providers, by provider, model and status (success, error).",
    type: "counter",
    labelNames: ["provider", "model", "status"],
  }),
  duration: defineMetric({
    name: "llm_request_duration_seconds",
    help: "Duration of model provider calls, by provider and model.",
    type: "histogram",
    labelNames: ["provider", "model"],
    buckets: LLM_DURATION_BUCKETS,
  }),
  tokens: defineMetric({
    name: "llm_tokens_total",
    help: "Tokens used, by provider, model and type (prompt, completion).",
    type: "counter",
    labelNames: ["provider", "model", "type"],
  }),
  cost: defineMetric({
    name: "llm_cost_usd_total",
    help: "Cost billed for model calls in US dollars, by provider and model.",
    type: "counter",
    labelNames: ["provider", "model"],
  }),
  estimatedCost: defineMetric({
    name: "llm_estimated_cost_usd_total",
    help: "Cost estimated before model calls in US dollars, by provider and model.",
    type: "counter",
    labelNames: ["provider", "model"],
  }),
  modelSelections: defineMetric({
    name: "llm_model_selections_total",
    help: "Models chosen by the router, by model and selection strategy.",
    type: "counter",
    labelNames: ["model", "strategy"],
  }),
  errors: defineMetric({
    name: "llm_errors_total",
    help: "Failed model provider calls, by provider (vendor), model and error type.",
    type: "counter",
    labelNames: ["provider", "model", "error_type"],
  }),
  fallbacks: defineMetric({
    name: "llm_fallbacks_total",
    help: "Calls retried on another model after a failure, by original and fallback model.",
    type: "counter",
    labelNames: ["from_model", "to_model"],
  }),
  policyEvaluations: defineMetric({
    name: "llm_policy_evaluations_total",
    help: "Policy checks run on model calls, by policy and result (allowed, denied).",
    type: "counter",
    labelNames: ["policy", "result"],
  }),
  policyViolations: defineMetric({
    name: "llm_policy_violations_total",
    help: "Policy checks that found a violation, by policy.",
    type: "counter",
    labelNames: ["policy"],
  }),
} as const;

/** LLM and provider calls: requests, duration, tokens, actual and estimated cost, selections, errors, fallbacks, policies. */
export function createLlmMetrics(metrics: Metrics) {
  return createKit(metrics, LLM_METRICS);
}
