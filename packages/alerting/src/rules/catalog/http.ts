import { HTTP_METRICS } from "@periscope/metrics";
import { errorRatioRule, latencyQuantileRule, targetDownRule } from "../builders.js";
import type { RuleGroup } from "../types.js";
import { common, type PeriscopeRuleOptions } from "./common.js";

const serverErrors = { metric: HTTP_METRICS.requests, matchers: { status_code: { regex: "5.." } } };
const allRequests = { metric: HTTP_METRICS.requests };

export function httpRules(options: PeriscopeRuleOptions): RuleGroup {
  const job = options.job ?? options.service;
  return {
    name: "http",
    rules: [
      errorRatioRule({
        ...common(options, "warning", "5m", {
          name: "HighErrorRate",
          summary: "More than 5% of HTTP requests fail with 5xx",
          description:
            "{{ $value | humanizePercentage }} of HTTP requests answered 5xx over the last 5 minutes (threshold 5%). Find the failing routes by status_code and route, then check recent deploys and dependencies.",
        }),
        errors: serverErrors,
        total: allRequests,
        window: "5m",
        above: 0.05,
      }),
      errorRatioRule({
        ...common(options, "critical", "2m", {
          name: "CriticalErrorRate",
          summary: "More than 20% of HTTP requests fail with 5xx",
          description:
            "{{ $value | humanizePercentage }} of HTTP requests answered 5xx over the last 5 minutes (threshold 20%). Users are failing now: roll back the last deploy or fail over, then investigate.",
        }),
        errors: serverErrors,
        total: allRequests,
        window: "5m",
        above: 0.2,
      }),
      latencyQuantileRule({
        ...common(options, "warning", "10m", {
          name: "HighLatency",
          summary: "HTTP p95 latency above 2 s",
          description:
            "The 95th percentile of HTTP request duration is {{ $value | humanizeDuration }} over the last 5 minutes (threshold 2s). Find the slow routes, then check the database, model providers and saturation.",
        }),
        histogram: { metric: HTTP_METRICS.duration },
        quantile: 0.95,
        window: "5m",
        above: 2,
      }),
      targetDownRule({
        ...common(options, "critical", "1m", {
          name: "ServiceDown",
          summary: "Prometheus cannot scrape {{ $labels.job }}",
          description:
            "The scrape target {{ $labels.instance }} of job {{ $labels.job }} has been down for over a minute. Check that the process runs, that /metrics answers, and the host's network.",
        }),
        job,
      }),
    ],
    tests: [
      {
        alertname: "HighErrorRate",
        series: {
          'http_requests_total{method="GET",route="/api/v1/tasks",status_code="500"}': "0+6x30",
          'http_requests_total{method="GET",route="/api/v1/tasks",status_code="200"}': "0+54x30",
        },
        at: "15m",
        expect: [{ value: 0.1 }],
      },
      {
        alertname: "HighErrorRate",
        series: {
          'http_requests_total{method="GET",route="/api/v1/tasks",status_code="503"}': "0+1x30",
          'http_requests_total{method="GET",route="/api/v1/tasks",status_code="200"}': "0+59x30",
        },
        at: "15m",
        expect: [],
      },
      {
        alertname: "CriticalErrorRate",
        series: {
          'http_requests_total{method="POST",route="/api/v1/tasks",status_code="502"}': "0+30x30",
          'http_requests_total{method="POST",route="/api/v1/tasks",status_code="201"}': "0+30x30",
        },
        at: "10m",
        expect: [{ value: 0.5 }],
      },
      {
        alertname: "CriticalErrorRate",
        series: {
          'http_requests_total{method="POST",route="/api/v1/tasks",status_code="500"}': "0+6x30",
          'http_requests_total{method="POST",route="/api/v1/tasks",status_code="201"}': "0+54x30",
        },
        at: "10m",
        expect: [],
      },
      {
        alertname: "HighLatency",
        series: {
          'http_request_duration_seconds_bucket{le="1"}': "0+0x30",
          'http_request_duration_seconds_bucket{le="2.5"}': "0+0x30",
          'http_request_duration_seconds_bucket{le="5"}': "0+60x30",
          'http_request_duration_seconds_bucket{le="+Inf"}': "0+60x30",
        },
        at: "20m",
        expect: [{ value: 4.875 }],
      },
      {
        alertname: "HighLatency",
        series: {
          'http_request_duration_seconds_bucket{le="0.5"}': "0+0x30",
          'http_request_duration_seconds_bucket{le="1"}': "0+60x30",
          'http_request_duration_seconds_bucket{le="+Inf"}': "0+60x30",
        },
        at: "20m",
        expect: [],
      },
      {
        alertname: "ServiceDown",
        series: { [`up{job="${job}",instance="10.0.0.7:3000"}`]: "0x10" },
        at: "5m",
        expect: [{ labels: { job, instance: "10.0.0.7:3000" }, value: 0 }],
      },
      {
        alertname: "ServiceDown",
        series: { [`up{job="${job}",instance="10.0.0.7:3000"}`]: "1x10" },
        at: "5m",
        expect: [],
      },
    ],
  };
}
