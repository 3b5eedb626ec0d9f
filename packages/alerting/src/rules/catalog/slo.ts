import { HTTP_METRICS } from "@periscope/metrics";
import { sloBurnRateRules } from "../slo.js";
import type { RuleGroup } from "../types.js";
import { common, type PeriscopeRuleOptions } from "./common.js";

/** 99.9% of requests without a 5xx and 99% faster than 2.5 s, over 30 days. */
export function sloRules(options: PeriscopeRuleOptions): RuleGroup {
  const availability = common(options, "critical", "2m", {
    name: "SLOAvailabilityBurn",
    summary: "The 99.9% availability objective burns its error budget too fast",
    description:
      "{{ $value | humanizePercentage }} of requests failed over the alert's long window, against a 0.1% budget over 30 days. Find the failing routes and stop the bleeding (roll back, fail over) before the budget is gone.",
  });
  const latency = common(options, "warning", "2m", {
    name: "SLOLatencyBurn",
    summary: "The 99% under 2.5 s latency objective burns its budget too fast",
    description:
      "{{ $value | humanizePercentage }} of requests took longer than 2.5s over the alert's long window, against a 1% budget over 30 days. Find the slow routes and their dependencies.",
  });
  const { severity: _availabilitySeverity, for: _availabilityFor, ...availabilityCommon } = availability;
  const { severity: _latencySeverity, for: _latencyFor, ...latencyCommon } = latency;
  return {
    name: "slo",
    rules: [
      ...sloBurnRateRules({
        ...availabilityCommon,
        objective: 0.999,
        window: "30d",
        sli: {
          kind: "errors",
          errors: [{ metric: HTTP_METRICS.requests, matchers: { status_code: { regex: "5.." } } }],
          total: [{ metric: HTTP_METRICS.requests }],
        },
      }),
      ...sloBurnRateRules({
        ...latencyCommon,
        objective: 0.99,
        window: "30d",
        sli: { kind: "latency", histogram: { metric: HTTP_METRICS.duration }, thresholdSeconds: 2.5 },
        page: { severity: "warning" },
        ticket: { severity: "info" },
      }),
    ],
    tests: [
      {
        alertname: "SLOAvailabilityBurn",
        series: {
          'http_requests_total{method="GET",route="/",status_code="500"}': "0+6x100",
          'http_requests_total{method="GET",route="/",status_code="200"}': "0+54x100",
        },
        at: "70m",
        expect: [
          { severity: "critical", value: 0.1 },
          { severity: "warning", value: 0.1 },
        ],
      },
      {
        alertname: "SLOAvailabilityBurn",
        series: {
          'http_requests_total{method="GET",route="/",status_code="500"}': "0+1x400",
          'http_requests_total{method="GET",route="/",status_code="200"}': "0+199x400",
        },
        at: "200m",
        expect: [{ severity: "warning", value: 0.005 }],
      },
      {
        alertname: "SLOAvailabilityBurn",
        series: {
          'http_requests_total{method="GET",route="/",status_code="500"}': "0+1x400",
          'http_requests_total{method="GET",route="/",status_code="200"}': "0+1999x400",
        },
        at: "200m",
        expect: [],
      },
      {
        alertname: "SLOLatencyBurn",
        series: {
          'http_request_duration_seconds_bucket{le="2.5"}': "0+30x100",
          http_request_duration_seconds_count: "0+60x100",
        },
        at: "70m",
        expect: [
          { severity: "warning", value: 0.5 },
          { severity: "info", value: 0.5 },
        ],
      },
      {
        alertname: "SLOLatencyBurn",
        series: {
          'http_request_duration_seconds_bucket{le="2.5"}': "0+60x100",
          http_request_duration_seconds_count: "0+60x100",
        },
        at: "70m",
        expect: [],
      },
    ],
  };
}
