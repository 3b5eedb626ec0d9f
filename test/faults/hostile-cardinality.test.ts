import { Agent, METHODS, request } from "node:http";
import { createMetrics } from "@periscope/metrics";
import { describe, expect, it } from "vitest";
import { startApp } from "../../apps/sample-api/test/app-process.js";
import { parseSamples } from "../../packages/metrics/test/exposition.js";
import { recordResult } from "./results.js";
import { faultsMode } from "./support/mode.js";
import { promtoolFindings } from "./support/promtool.js";

// 100,000 distinct paths, methods, status codes and label values: the series count and memory stay
// bounded, and the exposition stays valid for Prometheus (`promtool check metrics`).

const MB = 1024 * 1024;
/** Sample lines of one metric (a raw CR may sit inside a label value, which the text format allows). */
const linesOf = (text: string, name: string) =>
  text.split("\n").filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
const sampleValue = (line: string) => Number(line.slice(line.lastIndexOf(" ") + 1));
const labelOf = (line: string, label: string) => new RegExp(`[{,]${label}="((?:[^"\\\\]|\\\\.)*)"`).exec(line)?.[1];
const rssOf = (text: string) =>
  Number(parseSamples(linesOf(text, "process_resident_memory_bytes").join("\n"))[0]?.value);

/** Label values a careless caller (or an attacker, through a path or header) could hand to a metric. */
function hostileValue(index: number): string {
  const values = [
    `${"x".repeat(10_000)}${index}`,
    `line\nbreak ${index}\r\n# HELP forged 1`,
    `quote" } forged_metric{a="${index}`,
    `back\\slash\\${index}\\`,
    `lone surrogate \uD800 ${index} \uDFFF`,
    `nul \u0000 and bell \u0007 ${index}`,
    `emoji 🔥 and bidi \u202E ${index}`,
    `${index}`,
  ];
  return values[index % values.length] as string;
}

describe("cardinality", () => {
  it("keeps series bounded and the exposition valid under 100,000 hostile label values through the metrics API", async () => {
    const count = faultsMode().pick(100_000, 1_000_000);
    const warnings: string[] = [];
    const metrics = createMetrics({ maxSeriesPerMetric: 500, exemplars: false, onWarning: (w) => warnings.push(w) });
    const labelNames = ["path", "method", "status_code", "value"] as const;
    const counter = metrics.counter({ name: "hostile_requests_total", help: "Hostile labels.", labelNames });
    const histogram = metrics.histogram({ name: "hostile_duration_seconds", help: "Hostile labels.", labelNames });
    const gauge = metrics.gauge({ name: "hostile_in_progress", help: "Hostile labels.", labelNames });
    let rssAfterWarmUp = 0;
    for (let index = 0; index < count; index++) {
      const labels = {
        path: `/users/${index}/${hostileValue(index + 1)}`,
        method: `M${index}\n`,
        status_code: String(index),
        value: hostileValue(index),
      };
      counter.inc(labels);
      histogram.observe(labels, index / count);
      gauge.set(labels, index);
      if (index === Math.floor(count / 10)) rssAfterWarmUp = process.memoryUsage().rss;
    }
    const text = await metrics.render();
    const rssGrowthMb = (process.memoryUsage().rss - rssAfterWarmUp) / MB;

    const series = linesOf(text, "hostile_requests_total");
    expect(series.length).toBeLessThanOrEqual(501);
    expect(series.some((line) => labelOf(line, "path") === "__overflow__")).toBe(true);
    expect(linesOf(text, "hostile_in_progress").length).toBeLessThanOrEqual(501);
    expect(Math.max(...series.map((line) => labelOf(line, "value")?.length ?? 0))).toBeLessThanOrEqual(300);
    const folded = linesOf(text, "periscope_cardinality_folded_samples_total");
    expect(folded.reduce((sum, line) => sum + sampleValue(line), 0)).toBeGreaterThanOrEqual(3 * (count - 500));
    expect(warnings).toHaveLength(3);
    expect(text).not.toMatch(/^forged/m);
    expect(text).not.toMatch(/^# HELP forged/m);
    expect(promtoolFindings(text)).toEqual([]);
    // Each of the 100,000 iterations allocates a 10 KB value in an eighth of them: kept, they would be 120 MB and more.
    expect(rssGrowthMb).toBeLessThan(100);
    await metrics.shutdown();

    recordResult({
      area: "Hostile input",
      scenario: "Cardinality through the metrics API",
      tried:
        "distinct label sets on a counter, histogram and gauge: 10 KB values, newlines, quotes, backslashes, lone surrogates, NUL, bidi",
      count,
      result: `${series.length} series per metric (budget 500 + overflow), ${warnings.length} warnings, promtool check metrics clean, RSS after warm-up ${rssGrowthMb >= 0 ? "+" : ""}${rssGrowthMb.toFixed(1)} MB`,
    });
  });

  it("keeps the sample API's HTTP series bounded under distinct paths (10,000 in CI, 100,000 in soak) and every method", async () => {
    const total = faultsMode().pick(10_000, 100_000);
    const app = await startApp();
    const { hostname, port } = new URL(app.url);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const methods = METHODS.filter((method) => method !== "CONNECT");
    const statuses = new Map<number, number>();
    let next = 0;
    let failures = 0;
    let rssAfterWarmUp = 0;
    const send = (index: number) =>
      new Promise<void>((resolve) => {
        const method = methods[index % methods.length] as string;
        const path =
          index % 2 === 0
            ? `/hostile/${index}/${encodeURIComponent(
                hostileValue(index)
                  .slice(0, 100)
                  .replace(/[\uD800-\uDFFF]/g, "?"),
              )}?q=${index}`
            : `/api/v1/tasks/hostile-${index}`;
        const outgoing = request({ hostname, port, path, method, agent }, (response) => {
          statuses.set(response.statusCode ?? 0, (statuses.get(response.statusCode ?? 0) ?? 0) + 1);
          response.resume();
          response.on("end", resolve);
        });
        outgoing.on("error", () => {
          failures++;
          resolve();
        });
        outgoing.end();
      });
    const worker = async () => {
      while (next < total) {
        const index = next++;
        await send(index);
        if (index === Math.floor(total / 10)) rssAfterWarmUp = rssOf(await (await fetch(`${app.url}/metrics`)).text());
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: 16 }, worker));
    const seconds = (Date.now() - started) / 1000;
    agent.destroy();

    const text = await (await fetch(`${app.url}/metrics`)).text();
    const rssGrowthMb = (rssOf(text) - rssAfterWarmUp) / MB;
    const series = linesOf(text, "http_requests_total");
    const routes = new Set(series.map((line) => labelOf(line, "route")));
    expect(failures).toBe(0);
    expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
    expect(series.length).toBeGreaterThan(0);
    expect(series.length).toBeLessThanOrEqual(methods.length * 2 * statuses.size);
    expect([...routes].sort()).toEqual(["/api/v1/tasks/:id", "unmatched"]);
    expect(text).not.toContain("/hostile/");
    const counted = series.reduce((sum, line) => sum + sampleValue(line), 0);
    expect(counted).toBe(total);
    expect(promtoolFindings(text)).toEqual([]);
    expect(rssGrowthMb).toBeLessThan(100);
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);

    recordResult({
      area: "Hostile input",
      scenario: "Cardinality through HTTP (sample API)",
      tried: `distinct paths (half unmatched, half unknown task ids) over ${methods.length} methods, 16 connections`,
      count: total,
      result: `${series.length} http_requests_total series, routes ${[...routes].join(" and ")}; ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}; RSS after warm-up ${rssGrowthMb >= 0 ? "+" : ""}${rssGrowthMb.toFixed(1)} MB; promtool clean; ${Math.round(total / seconds)} req/s`,
    });
  });
});
