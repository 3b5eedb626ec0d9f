import { HTTP_METRICS, TASK_METRICS } from "@periscope/metrics";
import { describe, expect, it } from "vitest";
import { counterRateRule, errorRatioRule, gaugeThresholdRule, promqlRule, sloBurnRateRules } from "../index.js";
import { conditionExpression } from "./promql.js";

const common = {
  name: "QueueDeep",
  severity: "warning" as const,
  for: "5m",
  labels: { team: "platform", service: "api" },
  summary: "deep",
  description: "{{ $value | humanize }} queued",
  runbook: "docs/runbooks/QueueDeep.md",
};

describe("rule builders", () => {
  it("compile each kind to PromQL with metric names from @periscope/metrics", () => {
    const gauge = gaugeThresholdRule({
      ...common,
      gauge: { metric: TASK_METRICS.inQueue },
      by: ["priority"],
      op: ">",
      threshold: 100,
    });
    expect(conditionExpression(gauge.condition)).toBe("sum by (priority) (tasks_in_queue) > 100");
    const ratio = errorRatioRule({
      ...common,
      errors: { metric: HTTP_METRICS.requests, matchers: { status_code: { regex: "5.." }, method: "GET" } },
      total: { metric: HTTP_METRICS.requests, matchers: { method: "GET" } },
      above: 0.05,
    });
    expect(conditionExpression(ratio.condition)).toBe(
      'sum(rate(http_requests_total{method="GET",status_code=~"5.."}[5m])) / sum(rate(http_requests_total{method="GET"}[5m])) > 0.05',
    );
    const counter = counterRateRule({ ...common, counter: { metric: "llm_errors_total" }, threshold: 0.5 });
    expect(conditionExpression(counter.condition)).toBe("sum(rate(llm_errors_total[5m])) > 0.5");
  });

  it("throw a clear error naming the rule and the field", () => {
    expect(() => gaugeThresholdRule({ ...common, runbook: "", gauge: { metric: "x" }, op: ">", threshold: 1 })).toThrow(
      'alert rule "QueueDeep": runbook is required',
    );
    expect(() =>
      gaugeThresholdRule({ ...common, severity: "page" as never, gauge: { metric: "x" }, op: ">", threshold: 1 }),
    ).toThrow(/severity/);
    expect(() =>
      gaugeThresholdRule({ ...common, for: "5 minutes", gauge: { metric: "x" }, op: ">", threshold: 1 }),
    ).toThrow(/Prometheus duration/);
    expect(() =>
      gaugeThresholdRule({
        ...common,
        labels: { team: "", service: "api" },
        gauge: { metric: "x" },
        op: ">",
        threshold: 1,
      }),
    ).toThrow(/labels.team/);
    expect(() =>
      gaugeThresholdRule({ ...common, description: "too deep", gauge: { metric: "x" }, op: ">", threshold: 1 }),
    ).toThrow(/measured value/);
    expect(() => gaugeThresholdRule({ ...common, gauge: { metric: "bad name" }, op: ">", threshold: 1 })).toThrow(
      /invalid metric/,
    );
    expect(() => gaugeThresholdRule({ ...common, gauge: { metric: "x" }, op: "=>" as never, threshold: 1 })).toThrow(
      /op must be/,
    );
    expect(() => gaugeThresholdRule({ ...common, gauge: { metric: "x" }, op: ">", threshold: Number.NaN })).toThrow(
      /threshold/,
    );
    expect(() => promqlRule({ ...common, expr: " " })).toThrow(/expr is required/);
  });
});

describe("sloBurnRateRules", () => {
  const options = {
    name: "SLOAvailabilityBurn",
    labels: { team: "platform", service: "api" },
    summary: "burn",
    description: "{{ $value | humanizePercentage }}",
    runbook: "docs/runbooks/SLOAvailabilityBurn.md",
    objective: 0.999,
    sli: { kind: "errors" as const, errors: [{ metric: "errors_total" }], total: [{ metric: "requests_total" }] },
  };

  it("uses the SRE workbook's windows and factors for 30 days", () => {
    const [page, ticket] = sloBurnRateRules(options);
    expect(page.severity).toBe("critical");
    expect(ticket.severity).toBe("warning");
    expect(page.condition).toMatchObject({
      windows: [
        { long: "1h", short: "5m", factor: 14.4 },
        { long: "6h", short: "30m", factor: 6 },
      ],
    });
    expect(ticket.condition).toMatchObject({
      windows: [
        { long: "1d", short: "2h", factor: 3 },
        { long: "3d", short: "6h", factor: 1 },
      ],
    });
    expect(conditionExpression(page.condition)).toContain("> 0.0144");
  });

  it("scales factors to other SLO windows and rejects latency thresholds that are not buckets", () => {
    const [page] = sloBurnRateRules({ ...options, window: "7d" });
    expect(page.condition).toMatchObject({ windows: [{ factor: 3.36 }, { factor: 1.4 }] });
    expect(() =>
      sloBurnRateRules({
        ...options,
        sli: { kind: "latency", histogram: { metric: HTTP_METRICS.duration }, thresholdSeconds: 2 },
      }),
    ).toThrow(/bucket bound/);
  });
});
