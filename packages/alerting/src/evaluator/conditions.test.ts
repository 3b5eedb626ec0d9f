import { describe, expect, it } from "vitest";
import type { Condition } from "../rules/types.js";
import { evaluateCondition } from "./conditions.js";
import type { Sample, Snapshot } from "./snapshot.js";

const snapshot = (at: number, samples: Record<string, Sample[]>): Snapshot => ({
  at,
  up: true,
  samples: new Map(Object.entries(samples)),
});
const errors = (ok: number, failed: number) => ({
  requests_total: [
    { labels: { code: "200" }, value: ok },
    { labels: { code: "500" }, value: failed },
  ],
});

describe("evaluateCondition", () => {
  it("computes counter rates across a reset", () => {
    const condition: Condition = {
      kind: "counterRate",
      counter: { metric: "jobs_total" },
      window: "10s",
      op: ">",
      threshold: 0,
    };
    const series = (value: number) => ({ jobs_total: [{ labels: {}, value }] });
    const snapshots = [snapshot(0, series(10)), snapshot(5_000, series(20)), snapshot(10_000, series(5))];
    // 10 -> 20 is +10, the drop to 5 is a restart: +5; 15 over 10 s
    expect(evaluateCondition(condition, snapshots, 10_000)).toEqual([{ labels: {}, value: 1.5 }]);
  });

  it("fires a burn-rate pair only when both windows burn", () => {
    const condition: Condition = {
      kind: "burnRate",
      objective: 0.99,
      sli: {
        kind: "errors",
        errors: [{ metric: "requests_total", matchers: { code: { regex: "5.." } } }],
        total: [{ metric: "requests_total" }],
      },
      windows: [{ long: "60s", short: "10s", factor: 10 }],
    };
    const burning = [snapshot(0, errors(0, 0)), snapshot(50_000, errors(50, 50)), snapshot(60_000, errors(60, 60))];
    expect(evaluateCondition(condition, burning, 60_000)).toEqual([{ labels: {}, value: 0.5 }]);
    const recovered = [snapshot(0, errors(0, 0)), snapshot(50_000, errors(50, 50)), snapshot(60_000, errors(70, 50))];
    expect(evaluateCondition(condition, recovered, 60_000), "the short window is clean").toEqual([]);
  });

  it("turns timestamp gauges into ages and ratios into drift", () => {
    const age: Condition = {
      kind: "gauge",
      gauge: { metric: "last_run_seconds" },
      transform: "age",
      aggregate: "max",
      by: ["schedule"],
      op: ">",
      threshold: 3600,
    };
    const now = 10_000_000;
    const samples = { last_run_seconds: [{ labels: { schedule: "nightly" }, value: now / 1000 - 4000 }] };
    expect(evaluateCondition(age, [snapshot(now, samples)], now)).toEqual([
      { labels: { schedule: "nightly" }, value: 4000 },
    ]);

    const drift: Condition = {
      kind: "ratio",
      numerator: [{ metric: "estimated_total" }],
      denominator: [{ metric: "billed_total" }],
      window: "1m",
      transform: "drift",
      op: ">",
      threshold: 0.25,
    };
    const costs = (estimated: number, billed: number) => ({
      estimated_total: [{ labels: {}, value: estimated }],
      billed_total: [{ labels: {}, value: billed }],
    });
    expect(evaluateCondition(drift, [snapshot(0, costs(0, 0)), snapshot(30_000, costs(1, 2))], 30_000)).toEqual([
      { labels: {}, value: 0.5 },
    ]);
  });
});
