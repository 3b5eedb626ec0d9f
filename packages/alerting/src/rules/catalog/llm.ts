import { API_KEY_METRICS, LLM_METRICS } from "@periscope/metrics";
import { counterRateRule, gaugeThresholdRule, ratioRule } from "../builders.js";
import type { RuleGroup } from "../types.js";
import { common, type PeriscopeRuleOptions } from "./common.js";

/** Model providers, routing, cost, policies and quotas. */
export function llmRules(options: PeriscopeRuleOptions): RuleGroup {
  return {
    name: "llm",
    rules: [
      counterRateRule({
        ...common(options, "critical", "5m", {
          name: "LLMProviderErrors",
          summary: "Provider {{ $labels.provider }} is failing",
          description:
            "Calls to {{ $labels.provider }} fail at {{ $value | humanize }} errors/s over 5 minutes (threshold 0.5/s). Check the provider's status page and error_type, then route traffic to a fallback.",
        }),
        counter: { metric: LLM_METRICS.errors },
        window: "5m",
        by: ["provider"],
        threshold: 0.5,
      }),
      ratioRule({
        ...common(options, "warning", "10m", {
          name: "ModelSuccessRateDrop",
          summary: "Model {{ $labels.model }} succeeds less than 90% of the time",
          description:
            "Model {{ $labels.model }} succeeded on {{ $value | humanizePercentage }} of calls over 10 minutes (threshold 90%). Check its errors by provider and error_type; consider routing away from it.",
        }),
        numerator: [{ metric: LLM_METRICS.requests, matchers: { status: "success" } }],
        denominator: [{ metric: LLM_METRICS.requests }],
        window: "10m",
        by: ["model"],
        op: "<",
        threshold: 0.9,
      }),
      counterRateRule({
        ...common(options, "warning", "5m", {
          name: "ModelFallbackSpike",
          summary: "Model fallbacks spike",
          description:
            "Requests fall back to another model at {{ $value | humanize }}/s over 5 minutes (threshold 5/s). Find the failing primary model by from_model and check its provider.",
        }),
        counter: { metric: LLM_METRICS.fallbacks },
        window: "5m",
        threshold: 5,
      }),
      ratioRule({
        ...common(options, "warning", "10m", {
          name: "CostEstimateDrift",
          summary: "Cost estimates drift from billed cost",
          description:
            "Estimated model cost differs from billed cost by {{ $value | humanizePercentage }} over the last hour (threshold 25%). Check the price table against provider pricing and token counting.",
        }),
        numerator: [{ metric: LLM_METRICS.estimatedCost }],
        denominator: [{ metric: LLM_METRICS.cost }],
        window: "1h",
        transform: "drift",
        op: ">",
        threshold: 0.25,
      }),
      counterRateRule({
        ...common(options, "warning", "5m", {
          name: "HighPolicyViolationRate",
          summary: "Policy {{ $labels.policy }} is violated often",
          description:
            "Policy {{ $labels.policy }} is violated {{ $value | humanize }} times/s over 5 minutes (threshold 10/s). Check for abuse from one client or a policy change that blocks normal traffic.",
        }),
        counter: { metric: LLM_METRICS.policyViolations },
        window: "5m",
        by: ["policy"],
        threshold: 10,
      }),
      gaugeThresholdRule({
        ...common(options, "warning", "5m", {
          name: "RateLimitApproaching",
          summary: "{{ $labels.organization }} is close to its {{ $labels.quota }} quota",
          description:
            "{{ $labels.organization }} has used {{ $value | humanizePercentage }} of its {{ $labels.quota }} quota (threshold 80%). Tell the customer or raise the quota before requests are rejected.",
        }),
        gauge: { metric: API_KEY_METRICS.quotaUsed },
        aggregate: "max",
        by: ["organization", "quota"],
        op: ">",
        threshold: 0.8,
      }),
    ],
    tests: [
      {
        alertname: "LLMProviderErrors",
        series: { 'llm_errors_total{provider="openai",model="gpt-4o",error_type="timeout"}': "0+60x30" },
        at: "15m",
        expect: [{ labels: { provider: "openai" }, value: 1 }],
      },
      {
        alertname: "LLMProviderErrors",
        series: { 'llm_errors_total{provider="openai",model="gpt-4o",error_type="timeout"}': "0+6x30" },
        at: "15m",
        expect: [],
      },
      {
        alertname: "ModelSuccessRateDrop",
        series: {
          'llm_requests_total{provider="openai",model="gpt-4o",status="success"}': "0+48x40",
          'llm_requests_total{provider="openai",model="gpt-4o",status="error"}': "0+12x40",
        },
        at: "25m",
        expect: [{ labels: { model: "gpt-4o" }, value: 0.8 }],
      },
      {
        alertname: "ModelSuccessRateDrop",
        series: {
          'llm_requests_total{provider="openai",model="gpt-4o",status="success"}': "0+57x40",
          'llm_requests_total{provider="openai",model="gpt-4o",status="error"}': "0+3x40",
        },
        at: "25m",
        expect: [],
      },
      {
        alertname: "ModelFallbackSpike",
        series: { 'llm_fallbacks_total{from_model="gpt-4o",to_model="claude"}': "0+600x30" },
        at: "15m",
        expect: [{ value: 10 }],
      },
      {
        alertname: "ModelFallbackSpike",
        series: { 'llm_fallbacks_total{from_model="gpt-4o",to_model="claude"}': "0+60x30" },
        at: "15m",
        expect: [],
      },
      {
        alertname: "CostEstimateDrift",
        series: {
          'llm_estimated_cost_usd_total{provider="openai",model="gpt-4o"}': "0+1x120",
          'llm_cost_usd_total{provider="openai",model="gpt-4o"}': "0+2x120",
        },
        at: "90m",
        expect: [{ value: 0.5 }],
      },
      {
        alertname: "CostEstimateDrift",
        series: {
          'llm_estimated_cost_usd_total{provider="openai",model="gpt-4o"}': "0+1x120",
          'llm_cost_usd_total{provider="openai",model="gpt-4o"}': "0+1.1x120",
        },
        at: "90m",
        expect: [],
      },
      {
        alertname: "HighPolicyViolationRate",
        series: { 'llm_policy_violations_total{policy="pii"}': "0+1200x30" },
        at: "15m",
        expect: [{ labels: { policy: "pii" }, value: 20 }],
      },
      {
        alertname: "HighPolicyViolationRate",
        series: { 'llm_policy_violations_total{policy="pii"}': "0+60x30" },
        at: "15m",
        expect: [],
      },
      {
        alertname: "RateLimitApproaching",
        series: { 'api_quota_used_ratio{organization="acme",quota="requests"}': "0.9x20" },
        at: "10m",
        expect: [{ labels: { organization: "acme", quota: "requests" }, value: 0.9 }],
      },
      {
        alertname: "RateLimitApproaching",
        series: { 'api_quota_used_ratio{organization="acme",quota="requests"}': "0.5x20" },
        at: "10m",
        expect: [],
      },
    ],
  };
}
