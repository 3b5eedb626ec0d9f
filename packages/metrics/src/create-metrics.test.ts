import { Counter, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { parseSamples, promtoolCheckMetrics } from "../test/exposition.js";
import { createMetrics } from "./create-metrics.js";

describe("createMetrics", () => {
  it("creates its own registry, never prom-client's global one", () => {
    const first = createMetrics({ exemplars: false });
    const second = createMetrics({ exemplars: false });
    expect(first.registry).not.toBe(second.registry);
    first.counter({ name: "same_total", help: "Same.", labelNames: [] });
    second.counter({ name: "same_total", help: "Same.", labelNames: [] });
  });

  it("uses a given registry, a prefix and default labels", async () => {
    const registry = new Registry();
    const metrics = createMetrics({ registry, prefix: "shop_", defaultLabels: { service: "cart" }, exemplars: false });
    metrics.counter({ name: "orders_total", help: "Orders.", labelNames: ["kind"] }).inc({ kind: "new" });
    expect(metrics.registry).toBe(registry);
    expect(parseSamples(await registry.metrics())).toContainEqual({
      name: "shop_orders_total",
      labels: { kind: "new", service: "cart" },
      value: "1",
    });
  });

  it("returns the metric already registered for the same definition", () => {
    const metrics = createMetrics({ exemplars: false });
    const definition = { name: "jobs_total", help: "Jobs.", labelNames: ["queue"] };
    expect(metrics.counter(definition)).toBe(metrics.counter(definition));
  });

  it("fails loudly when a name is taken by a different metric", () => {
    const metrics = createMetrics({ exemplars: false });
    metrics.counter({ name: "jobs_total", help: "Jobs.", labelNames: ["queue"] });
    expect(() => metrics.counter({ name: "jobs_total", help: "Jobs.", labelNames: ["other"] })).toThrow(
      /a counter named jobs_total with labels \[queue\] is already registered/,
    );
    expect(() => metrics.gauge({ name: "jobs_total", help: "Jobs.", labelNames: ["queue"] })).toThrow(
      /cannot register a GuardedGauge/,
    );
    new Counter({ name: "plain_total", help: "Plain.", registers: [metrics.registry] });
    expect(() => metrics.counter({ name: "plain_total", help: "Plain.", labelNames: [] })).toThrow(
      /already registered/,
    );
  });

  it("rejects a series budget that is not a positive integer, naming the option", () => {
    expect(() => createMetrics({ maxSeriesPerMetric: 0 })).toThrow(/maxSeriesPerMetric must be a positive integer/);
    const metrics = createMetrics({ exemplars: false });
    expect(() => metrics.counter({ name: "x_total", help: "X.", labelNames: [], maxSeries: 1.5 })).toThrow(
      /maxSeries of x_total/,
    );
  });

  it("collects prom-client's default metrics, prefixed, only when asked", async () => {
    const without = createMetrics({ exemplars: false });
    expect(await without.render()).not.toContain("process_cpu");
    const metrics = createMetrics({ prefix: "app_", defaultMetrics: true, exemplars: false });
    const names = new Set(parseSamples(await metrics.render()).map((sample) => sample.name));
    expect(names).toContain("app_process_cpu_user_seconds_total");
    expect(names).toContain("app_nodejs_eventloop_lag_p99_seconds");
    expect(names).toContain("app_nodejs_heap_size_used_bytes");
  });

  it("leaves promtool only prom-client's three *_total gauges to flag when default metrics are on", async () => {
    const metrics = createMetrics({ defaultMetrics: true, exemplars: false });
    const { status, output } = promtoolCheckMetrics(await metrics.render());
    expect(status).toBe(3);
    expect(output.split("\n").sort()).toEqual([
      'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
      'nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
      'nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
    ]);
  });
});
