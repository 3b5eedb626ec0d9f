import { Counter, Gauge, Histogram, Registry, Summary } from "prom-client";
import { describe, expect, it } from "vitest";
import { parseSamples, sampleKeys } from "../test/exposition.js";
import { renderRegistry, renderRegistryToString } from "./render.js";

function populatedRegistry(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "api", region: "eu" });
  const counter = new Counter({
    name: "a_total",
    help: 'Help with "quotes" and \\ and\nnewline',
    labelNames: ["x", "region"],
    registers: [registry],
  });
  counter.inc({ x: 'hostile "\\\nvalue', region: "us" }, 3);
  counter.inc({ x: "plain" });
  new Counter({ name: "unlabelled_total", help: "Never incremented.", registers: [registry] });
  const gauge = new Gauge({ name: "b", help: "Gauge.", labelNames: ["y"], registers: [registry] });
  gauge.set({ y: "1" }, -2.5);
  gauge.set({ y: "2" }, Number.POSITIVE_INFINITY);
  const histogram = new Histogram({
    name: "c_seconds",
    help: "Histogram.",
    labelNames: ["z"],
    buckets: [0.1, 1],
    registers: [registry],
  });
  histogram.observe({ z: "q" }, 0.05);
  histogram.observe({ z: "q" }, 5);
  histogram.observe({ z: "r" }, 0.5);
  const summary = new Summary({ name: "d_seconds", help: "Summary.", percentiles: [0.5], registers: [registry] });
  summary.observe(1);
  new Gauge({
    name: "collected",
    help: "Set at scrape time.",
    registers: [registry],
    collect() {
      this.set(42);
    },
  });
  return registry;
}

describe("renderRegistry", () => {
  it("renders the same samples as prom-client for Prometheus text", async () => {
    const registry = populatedRegistry();
    const ours = await renderRegistryToString(registry, "prometheus");
    const theirs = await registry.metrics();
    expect(sampleKeys(parseSamples(ours))).toEqual(sampleKeys(parseSamples(theirs)));
    expect(ours).toContain('# HELP a_total Help with "quotes" and \\\\ and\\nnewline\n# TYPE a_total counter\n');
    expect(ours).toContain('a_total{x="hostile \\"\\\\\\nvalue",region="us",service="api"} 3\n');
  });

  it("renders OpenMetrics: counter families without _total, unknown types, # EOF last", async () => {
    const registry = populatedRegistry();
    const text = await renderRegistryToString(registry, "openmetrics");
    expect(text).toContain("# TYPE a counter\n");
    expect(text).toContain('# HELP a Help with \\"quotes\\"');
    expect(text).toMatch(/^a_total\{x="plain",service="api",region="eu"\} 1$/m);
    expect(text).toContain("# TYPE d_seconds summary\n");
    expect(text.endsWith("\n# EOF\n")).toBe(true);
    expect(text.match(/# EOF/g)).toHaveLength(1);
  });

  it("keeps each chunk small and lets the event loop run while rendering 100,000 series", async () => {
    const registry = new Registry();
    const counter = new Counter({ name: "big_total", help: "Big.", labelNames: ["id", "kind"], registers: [registry] });
    for (let id = 0; id < 100_000; id++) counter.inc({ id: String(id), kind: "k" });

    let timerRuns = 0;
    const timer = setInterval(() => timerRuns++, 1);
    let chunks = 0;
    let lines = 0;
    let largestChunk = 0;
    for await (const chunk of renderRegistry(registry, "prometheus", { sliceMilliseconds: 5 })) {
      chunks++;
      lines += chunk.split("\n").length - 1;
      largestChunk = Math.max(largestChunk, chunk.length);
    }
    clearInterval(timer);

    expect(timerRuns).toBeGreaterThan(0);
    expect(chunks).toBeGreaterThan(1);
    expect(lines).toBe(100_000 + 2);
    expect(largestChunk).toBeLessThan(65 * 1024);
  });

  it('writes le="+Inf" once when the buckets include Infinity', async () => {
    const registry = new Registry();
    const histogram = new Histogram({
      name: "open_seconds",
      help: "Explicit infinite bucket.",
      buckets: [1, Number.POSITIVE_INFINITY],
      registers: [registry],
    });
    histogram.observe(5);
    const text = await renderRegistryToString(registry, "prometheus");
    expect(text.match(/le="\+Inf"/g), text).toHaveLength(1);
    expect(text).toContain('open_seconds_bucket{le="1"} 0\n');
    expect(text).toContain('open_seconds_bucket{le="+Inf"} 1\n');
  });

  it("renders a small registry in one chunk, without pausing", async () => {
    let chunks = 0;
    for await (const _ of renderRegistry(populatedRegistry(), "prometheus")) chunks++;
    expect(chunks).toBe(1);
  });

  it("passes a failing collect callback's error to the caller", async () => {
    const registry = new Registry();
    new Gauge({
      name: "broken",
      help: "Throws at scrape time.",
      registers: [registry],
      collect() {
        throw new Error("collector failed");
      },
    });
    await expect(renderRegistryToString(registry, "prometheus")).rejects.toThrow("collector failed");
  });
});
