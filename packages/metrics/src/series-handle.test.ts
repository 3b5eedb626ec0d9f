import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { parseSamples } from "../test/exposition.js";
import { OVERFLOW_LABEL_VALUE } from "./cardinality.js";
import { createMetrics } from "./create-metrics.js";

const exemplar = { trace_id: "0af7651916cd43dd8448eb211c80319c", span_id: "b7ad6b7169203331" };

async function samplesOf(registry: Registry) {
  return parseSamples(await registry.metrics())
    .map((sample) => `${sample.name}${JSON.stringify(sample.labels)} ${sample.value}`)
    .sort();
}

describe("series handles", () => {
  it("record exactly what prom-client's own calls record", async () => {
    const values = [0, 0.003, 0.005, 0.0051, 0.07, 1, 9.9, 10, 10.5, 1e6];
    const plain = new Registry();
    const plainHistogram = new Histogram({ name: "d_seconds", help: "D.", labelNames: ["a"], registers: [plain] });
    const plainCounter = new Counter({ name: "c_total", help: "C.", labelNames: ["a"], registers: [plain] });
    const plainGauge = new Gauge({ name: "g", help: "G.", labelNames: ["a"], registers: [plain] });
    const metrics = createMetrics({ exemplars: false });
    const histogram = metrics.histogram({ name: "d_seconds", help: "D.", labelNames: ["a"] }).series({ a: "x" });
    const counter = metrics.counter({ name: "c_total", help: "C.", labelNames: ["a"] }).series({ a: "x" });
    const gauge = metrics.gauge({ name: "g", help: "G.", labelNames: ["a"] }).series({ a: "x" });
    for (const value of values) {
      plainHistogram.observe({ a: "x" }, value);
      histogram.observe(value, undefined);
      plainCounter.inc({ a: "x" }, value);
      counter.inc(value, undefined);
      plainGauge.inc({ a: "x" }, value);
      gauge.add(value);
    }
    plainGauge.dec({ a: "x" }, 3);
    gauge.add(-3);
    expect(await samplesOf(metrics.registry)).toEqual(await samplesOf(plain));
  });

  it("find their series again after reset, remove, zero and set", async () => {
    const metrics = createMetrics({ exemplars: false });
    const histogram = metrics.histogram({ name: "d_seconds", help: "D.", labelNames: ["a"] });
    const gauge = metrics.gauge({ name: "g", help: "G.", labelNames: ["a"] });
    const observe = histogram.series({ a: "x" });
    const add = gauge.series({ a: "x" });
    const count = async () => {
      const samples = parseSamples(await metrics.render());
      return [
        samples.find((sample) => sample.name === "d_seconds_count")?.value,
        samples.find((sample) => sample.name === "g")?.value,
      ];
    };
    observe.observe(1, undefined);
    add.add(2);
    histogram.reset();
    gauge.reset();
    observe.observe(1, undefined);
    add.add(2);
    expect(await count()).toEqual(["1", "2"]);
    histogram.remove("x");
    histogram.zero({ a: "x" });
    gauge.set({ a: "x" }, 10);
    observe.observe(1, undefined);
    add.add(2);
    expect(await count()).toEqual(["1", "12"]);
  });

  it("respect the series budget and reject bad values and unknown labels", async () => {
    const warnings: string[] = [];
    const metrics = createMetrics({ exemplars: false, onWarning: (message) => warnings.push(message) });
    const counter = metrics.counter({ name: "jobs_total", help: "Jobs.", labelNames: ["user"], maxSeries: 1 });
    counter.series({ user: "a" }).inc(1, undefined);
    counter.series({ user: "b" }).inc(2, undefined);
    const samples = parseSamples(await metrics.render()).filter((sample) => sample.name === "jobs_total");
    expect(samples.map((sample) => [sample.labels.user, sample.value])).toEqual([
      ["a", "1"],
      [OVERFLOW_LABEL_VALUE, "2"],
    ]);
    expect(warnings).toHaveLength(1);
    expect(() => counter.series({ user: "a" }).inc(-1, undefined)).toThrow(/finite number >= 0/);
    expect(() => counter.series({ user: "a" }).inc(Number.NaN, undefined)).toThrow(/finite number >= 0/);
    const histogram = metrics.histogram({ name: "h_seconds", help: "H.", labelNames: ["a"] });
    expect(() => histogram.series({ a: "x" }).observe(Number.POSITIVE_INFINITY, undefined)).toThrow(/not a valid/);
    expect(() => histogram.series({ b: "x" } as never).observe(1, undefined)).toThrow(/"b" is not included/);
  });

  it("store exemplars where the OpenMetrics output shows them", async () => {
    const metrics = createMetrics({ exemplars: false });
    metrics
      .counter({ name: "c_total", help: "C.", labelNames: ["a"] })
      .series({ a: "x" })
      .inc(1, exemplar);
    metrics
      .histogram({ name: "d_seconds", help: "D.", labelNames: ["a"] })
      .series({ a: "x" })
      .observe(0.2, exemplar);
    const text = await metrics.render("openmetrics");
    expect(text).toMatch(
      /^c_total\{a="x"\} 1 # \{trace_id="0af7651916cd43dd8448eb211c80319c",span_id="b7ad6b7169203331"\} 1 /m,
    );
    expect(text).toMatch(
      /^d_seconds_bucket\{a="x",le="0\.25"\} 1 # \{trace_id="0af7[0-9a-f]+",span_id="b7ad[0-9a-f]+"\} 0\.2 /m,
    );
  });
});
