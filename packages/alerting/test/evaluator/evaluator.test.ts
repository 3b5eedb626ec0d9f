import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { HTTP_METRICS } from "@periscope/metrics";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import {
  absentRule,
  alertFingerprint,
  createEvaluator,
  type Evaluator,
  errorRatioRule,
  gaugeThresholdRule,
  latencyQuantileRule,
  promqlRule,
  targetDownRule,
  type WebhookPayload,
} from "../../src/index.js";
import { webhookPayloadSchema } from "./webhook-v4-schema.js";

const BASE = "https://github.com/periscope-dev/periscope/blob/main";
const common = {
  labels: { team: "platform", service: "checkout" },
  runbook: "docs/runbooks/HighErrorRate.md",
} as const;

const evaluators: Evaluator[] = [];
afterEach(async () => {
  await Promise.all(evaluators.splice(0).map((evaluator) => evaluator.stop()));
});

function httpRegistry() {
  const registry = new Registry();
  const requests = new Counter({
    name: HTTP_METRICS.requests.name,
    help: HTTP_METRICS.requests.help,
    labelNames: [...HTTP_METRICS.requests.labelNames],
    registers: [registry],
  });
  return { registry, requests };
}

async function receiver() {
  const payloads: WebhookPayload[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    payloads.push(JSON.parse(body));
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    payloads,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const errorRule = (pending: string, window: string) =>
  errorRatioRule({
    ...common,
    name: "HighErrorRate",
    severity: "critical",
    for: pending,
    summary: "5xx above 10%",
    description: "{{ $value | humanizePercentage }} of requests failed",
    errors: { metric: HTTP_METRICS.requests, matchers: { status_code: { regex: "5.." } } },
    total: { metric: HTTP_METRICS.requests },
    window,
    above: 0.1,
  });

describe("createEvaluator on a real prom-client registry", () => {
  it("goes pending, fires only after `for`, and posts an Alertmanager v4 payload to a URL", async () => {
    const { registry, requests } = httpRegistry();
    const sink = await receiver();
    const evaluator = createEvaluator({
      registry,
      rules: [errorRule("600ms", "30s")],
      target: sink.url,
      runbookBaseUrl: BASE,
      intervalMs: 60_000,
      externalURL: "http://alerts.example",
      generatorURL: "http://checkout.example/alerts",
    });
    evaluators.push(evaluator);
    const ok = { method: "GET", route: "/pay", status_code: "200" };
    const failed = { method: "GET", route: "/pay", status_code: "503" };

    requests.inc(ok, 0);
    requests.inc(failed, 0);
    await evaluator.evaluate();
    await sleep(20);
    requests.inc(ok, 50);
    requests.inc(failed, 50);
    await evaluator.evaluate();
    expect(evaluator.alerts().map((alert) => alert.state)).toEqual(["pending"]);

    await sleep(200);
    requests.inc(failed, 10);
    await evaluator.evaluate();
    expect(
      evaluator.alerts().map((alert) => alert.state),
      "still inside `for`",
    ).toEqual(["pending"]);
    expect(sink.payloads).toHaveLength(0);

    await sleep(600);
    requests.inc(failed, 10);
    await evaluator.evaluate();
    expect(evaluator.alerts().map((alert) => alert.state)).toEqual(["firing"]);
    await evaluator.stop();

    expect(sink.payloads).toHaveLength(1);
    const firing = webhookPayloadSchema.parse(sink.payloads[0]);
    expect(firing.status).toBe("firing");
    const [alert] = firing.alerts;
    expect(alert?.labels).toEqual({
      alertname: "HighErrorRate",
      severity: "critical",
      team: "platform",
      service: "checkout",
    });
    expect(alert?.fingerprint).toBe(alertFingerprint(alert?.labels ?? {}));
    expect(alert?.endsAt).toBe("0001-01-01T00:00:00Z");
    expect(alert?.annotations.runbook_url).toBe(`${BASE}/docs/runbooks/HighErrorRate.md`);
    expect(alert?.annotations.description).toMatch(/^\d+(\.\d+)?% of requests failed$/);
    expect(firing.groupLabels).toEqual({ alertname: "HighErrorRate" });
    expect(firing.externalURL).toBe("http://alerts.example");
    expect(alert?.generatorURL).toBe("http://checkout.example/alerts");
    await sink.close();
  });

  it("resolves once the window holds only successes", async () => {
    const { registry, requests } = httpRegistry();
    const payloads: WebhookPayload[] = [];
    const evaluator = createEvaluator({
      registry,
      rules: [errorRule("0s", "1s")],
      target: (payload) => void payloads.push(payload),
      runbookBaseUrl: BASE,
      intervalMs: 60_000,
    });
    evaluators.push(evaluator);
    const ok = { method: "GET", route: "/pay", status_code: "200" };
    const failed = { method: "GET", route: "/pay", status_code: "500" };
    requests.inc(ok, 1);
    requests.inc(failed, 1);
    await evaluator.evaluate();
    await sleep(20);
    requests.inc(failed, 5);
    await evaluator.evaluate();
    expect(payloads.map((payload) => payload.status)).toEqual(["firing"]);

    await sleep(1_100);
    requests.inc(ok, 5);
    await evaluator.evaluate();
    await sleep(20);
    requests.inc(ok, 5);
    await evaluator.evaluate();
    await evaluator.stop();

    expect(payloads.map((payload) => payload.status)).toEqual(["firing", "resolved"]);
    const resolved = webhookPayloadSchema.parse(payloads[1]);
    const [alert] = resolved.alerts;
    expect(alert?.status).toBe("resolved");
    expect(Date.parse(alert?.endsAt ?? "")).toBeGreaterThanOrEqual(Date.parse(alert?.startsAt ?? ""));
    expect(alert?.fingerprint).toBe(payloads[0]?.alerts[0]?.fingerprint);
    expect(evaluator.alerts()).toEqual([]);
  });

  it("evaluates gauge ratios per group, histogram quantiles, absent metrics and a failing collection", async () => {
    const registry = new Registry();
    const active = new Gauge({
      name: "db_connections_active",
      help: "h",
      labelNames: ["database"],
      registers: [registry],
    });
    const max = new Gauge({ name: "db_connections_max", help: "h", labelNames: ["database"], registers: [registry] });
    const duration = new Histogram({
      name: "http_request_duration_seconds",
      help: "h",
      buckets: [0.5, 1, 2.5, 5],
      registers: [registry],
    });
    const payloads: WebhookPayload[] = [];
    const base = { ...common, severity: "warning" as const, for: "0s", summary: "s" };
    const evaluator = createEvaluator({
      registry,
      runbookBaseUrl: BASE,
      intervalMs: 60_000,
      target: (payload) => void payloads.push(payload),
      rules: [
        gaugeThresholdRule({
          ...base,
          name: "PoolNearlyExhausted",
          description: "{{ $labels.database }} at {{ $value | humanizePercentage }}",
          gauge: { metric: "db_connections_active" },
          divideBy: { metric: "db_connections_max" },
          by: ["database"],
          op: ">=",
          threshold: 0.9,
        }),
        latencyQuantileRule({
          ...base,
          name: "SlowRequests",
          description: "p95 {{ $value | humanizeDuration }}",
          histogram: { metric: "http_request_duration_seconds" },
          quantile: 0.95,
          window: "5m",
          above: 2,
        }),
        absentRule({
          ...base,
          name: "QueueMetricMissing",
          description: "gone",
          selector: { metric: "tasks_in_queue", matchers: { priority: "high" } },
        }),
        targetDownRule({ ...base, name: "CollectionFailing", description: "collect threw", job: "checkout" }),
      ],
    });
    evaluators.push(evaluator);
    active.set({ database: "main" }, 19);
    max.set({ database: "main" }, 20);
    active.set({ database: "replica" }, 2);
    max.set({ database: "replica" }, 20);
    await evaluator.evaluate();
    await sleep(20);
    for (let index = 0; index < 10; index += 1) duration.observe(4);
    await evaluator.evaluate();

    const byName = (name: string) => payloads.find((payload) => payload.groupLabels.alertname === name);
    expect(byName("PoolNearlyExhausted")?.alerts.map((alert) => alert.annotations.description)).toEqual([
      "main at 95%",
    ]);
    // all observations fall in (2.5, 5]: 2.5 + 2.5 * 0.95 = 4.875, as histogram_quantile interpolates
    expect(byName("SlowRequests")?.alerts[0]?.annotations.description).toBe("p95 4.875s");
    expect(byName("QueueMetricMissing")?.alerts[0]?.labels.priority).toBe("high");
    expect(byName("CollectionFailing")).toBeUndefined();

    const errors: unknown[] = [];
    const broken = createEvaluator({
      registry: { getMetricsAsJSON: () => Promise.reject(new Error("collect failed")) },
      runbookBaseUrl: BASE,
      intervalMs: 60_000,
      target: (payload) => void payloads.push(payload),
      onError: (error) => errors.push(error),
      rules: [targetDownRule({ ...base, name: "CollectionFailing", description: "collect threw", job: "checkout" })],
    });
    evaluators.push(broken);
    await broken.evaluate();
    expect(byName("CollectionFailing")?.alerts[0]?.labels.job).toBe("checkout");
    expect(String(errors[0])).toContain("collect failed");
    for (const payload of payloads) webhookPayloadSchema.parse(payload);
  });

  it("reports delivery failures to onError and keeps running; rejects raw PromQL and bad options", async () => {
    const { registry, requests } = httpRegistry();
    const errors: unknown[] = [];
    const evaluator = createEvaluator({
      registry,
      rules: [errorRule("0s", "30s")],
      target: "http://127.0.0.1:9/unreachable",
      timeoutMs: 500,
      runbookBaseUrl: BASE,
      intervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    requests.inc({ method: "GET", route: "/", status_code: "500" }, 1);
    await evaluator.evaluate();
    await sleep(20);
    requests.inc({ method: "GET", route: "/", status_code: "500" }, 1);
    await evaluator.evaluate();
    await evaluator.stop();
    await evaluator.stop();
    expect(errors).toHaveLength(1);

    const raw = promqlRule({
      ...common,
      name: "Raw",
      severity: "info",
      for: "0s",
      summary: "s",
      description: "d",
      expr: "vector(1)",
    });
    expect(() => createEvaluator({ registry, rules: [raw], target: () => {}, runbookBaseUrl: BASE })).toThrow(
      /raw PromQL/,
    );
    expect(() => createEvaluator({ registry, rules: [], target: "not a url", runbookBaseUrl: BASE })).toThrow(
      /target must be/,
    );
    expect(() => createEvaluator({ registry: {} as never, rules: [], target: () => {}, runbookBaseUrl: BASE })).toThrow(
      /getMetricsAsJSON/,
    );
  });
});
