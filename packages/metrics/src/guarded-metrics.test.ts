import { describe, expect, it } from "vitest";
import { parseSamples } from "../test/exposition.js";
import { MAX_LABEL_VALUE_LENGTH, OVERFLOW_LABEL_VALUE } from "./cardinality.js";
import { createMetrics } from "./create-metrics.js";

function setup(maxSeries = 3) {
  const warnings: string[] = [];
  const metrics = createMetrics({ exemplars: false, onWarning: (message) => warnings.push(message) });
  return { metrics, warnings, maxSeries };
}

async function seriesOf(metrics: ReturnType<typeof createMetrics>, name: string) {
  return parseSamples(await metrics.render()).filter((sample) => sample.name === name);
}

async function foldedCount(metrics: ReturnType<typeof createMetrics>, metric: string) {
  const samples = await seriesOf(metrics, "periscope_cardinality_folded_samples_total");
  return Number(samples.find((sample) => sample.labels.metric === metric)?.value ?? 0);
}

describe("cardinality guard", () => {
  it("folds label sets past the budget into one overflow series, counts them and warns once", async () => {
    const { metrics, warnings } = setup();
    const counter = metrics.counter({ name: "jobs_total", help: "Jobs.", labelNames: ["user"], maxSeries: 3 });
    for (let user = 0; user < 10; user++) counter.inc({ user: `u${user}` });
    counter.inc({ user: "u1" }, 5);

    const series = await seriesOf(metrics, "jobs_total");
    expect(series.map((sample) => sample.labels.user)).toEqual(["u0", "u1", "u2", OVERFLOW_LABEL_VALUE]);
    expect(series.find((sample) => sample.labels.user === "u1")?.value).toBe("6");
    expect(series.find((sample) => sample.labels.user === OVERFLOW_LABEL_VALUE)?.value).toBe("7");
    expect(await foldedCount(metrics, "jobs_total")).toBe(7);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/jobs_total reached its budget of 3 series/);
  });

  it("keeps 100,000 distinct label values within the budget", async () => {
    const { metrics } = setup();
    const histogram = metrics.histogram({
      name: "lookup_seconds",
      help: "Lookups.",
      labelNames: ["key"],
      maxSeries: 50,
    });
    for (let key = 0; key < 100_000; key++) histogram.observe({ key: `k${key}` }, 0.01);
    const counts = await seriesOf(metrics, "lookup_seconds_count");
    expect(counts).toHaveLength(51);
    expect(counts.reduce((sum, sample) => sum + Number(sample.value), 0)).toBe(100_000);
    expect(await foldedCount(metrics, "lookup_seconds")).toBe(100_000 - 50);
  });

  it("guards every way of recording: labels(), startTimer(), zero() and gauges", async () => {
    const { metrics } = setup();
    const histogram = metrics.histogram({ name: "step_seconds", help: "Steps.", labelNames: ["step"], maxSeries: 1 });
    histogram.labels("a").observe(1);
    histogram.labels({ step: "b" }).observe(1);
    histogram.startTimer({ step: "c" })();
    histogram.zero({ step: "d" });
    const gauge = metrics.gauge({ name: "depth", help: "Depth.", labelNames: ["queue"], maxSeries: 1 });
    gauge.set({ queue: "a" }, 1);
    gauge.inc({ queue: "b" });
    gauge.labels("c").dec(2);

    expect((await seriesOf(metrics, "step_seconds_count")).map((sample) => sample.labels.step)).toEqual([
      "a",
      OVERFLOW_LABEL_VALUE,
    ]);
    expect(await seriesOf(metrics, "depth")).toEqual([
      { name: "depth", labels: { queue: "a" }, value: "1" },
      { name: "depth", labels: { queue: OVERFLOW_LABEL_VALUE }, value: "-1" },
    ]);
  });

  it("frees budget when series are removed or the metric is reset", async () => {
    const { metrics } = setup();
    const counter = metrics.counter({ name: "calls_total", help: "Calls.", labelNames: ["to"], maxSeries: 2 });
    counter.inc({ to: "a" });
    counter.inc({ to: "b" });
    counter.remove({ to: "a" });
    counter.inc({ to: "c" });
    counter.reset();
    counter.inc({ to: "d" });
    counter.inc({ to: "e" });
    expect((await seriesOf(metrics, "calls_total")).map((sample) => sample.labels.to)).toEqual(["d", "e"]);
    expect(await foldedCount(metrics, "calls_total")).toBe(0);
  });

  it("cuts hostile label values to a bounded length and keeps them in one series", async () => {
    const { metrics } = setup();
    const counter = metrics.counter({ name: "paths_total", help: "Paths.", labelNames: ["path"] });
    const huge = `/${"x".repeat(100_000)}\n"\\`;
    counter.inc({ path: huge });
    counter.inc({ path: huge });
    const [sample, ...rest] = await seriesOf(metrics, "paths_total");
    expect(rest).toHaveLength(0);
    expect(sample?.value).toBe("2");
    expect(sample?.labels.path?.length).toBe(MAX_LABEL_VALUE_LENGTH + 1);
  });

  it("records an exemplar from the configured source on inc() and observe()", async () => {
    const exemplar = { trace_id: "0af7651916cd43dd8448eb211c80319c", span_id: "b7ad6b7169203331" };
    const metrics = createMetrics({ exemplars: () => exemplar });
    metrics.counter({ name: "orders_total", help: "Orders.", labelNames: [] }).inc();
    metrics.histogram({ name: "order_seconds", help: "Orders.", labelNames: [], buckets: [1, 2] }).observe(1.5);
    const samples = parseSamples(await metrics.render("openmetrics"));
    expect(samples.find((sample) => sample.name === "orders_total")?.exemplar?.labels).toEqual(exemplar);
    const buckets = samples.filter((sample) => sample.name === "order_seconds_bucket");
    expect(buckets.map((sample) => sample.exemplar?.value)).toEqual([undefined, "1.5", undefined]);
  });
});
