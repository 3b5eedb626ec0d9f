import { parseDuration } from "../rules/duration.js";
import type { Comparison, Condition, Selector, ServiceLevelIndicator } from "../rules/types.js";
import { histogramQuantile } from "./quantile.js";
import { divide, pick, rate, selectSamples, seriesKey, type Vector, windowOf } from "./series.js";
import type { Snapshot } from "./snapshot.js";

export type ActiveSeries = Array<{ labels: Record<string, string>; value: number }>;

function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case "==":
      return value === threshold;
    case "!=":
      return value !== threshold;
  }
}

function filter(vector: Vector, op: Comparison, threshold: number): ActiveSeries {
  return [...vector.values()].filter(({ value }) => compare(value, op, threshold));
}

function gauge(latest: Snapshot, selector: Selector, aggregate: string, by: readonly string[]): Vector {
  const groups = new Map<string, { labels: Record<string, string>; values: number[] }>();
  for (const sample of selectSamples(latest, selector)) {
    const labels = pick(sample.labels, by);
    const key = seriesKey(labels);
    let group = groups.get(key);
    if (!group) {
      group = { labels, values: [] };
      groups.set(key, group);
    }
    group.values.push(sample.value);
  }
  const out: Vector = new Map();
  for (const [key, { labels, values }] of groups) {
    const sum = values.reduce((total, value) => total + value, 0);
    const value =
      aggregate === "max"
        ? Math.max(...values)
        : aggregate === "min"
          ? Math.min(...values)
          : aggregate === "avg"
            ? sum / values.length
            : sum;
    out.set(key, { labels, value });
  }
  return out;
}

function badRatio(sli: ServiceLevelIndicator, window: Snapshot[]): number | undefined {
  const single = (vector: Vector) => [...vector.values()][0]?.value;
  if (sli.kind === "errors") return single(divide(rate(window, sli.errors, []), rate(window, sli.total, [])));
  const fast = { ...sli.histogram, matchers: { ...sli.histogram.matchers, le: String(sli.thresholdSeconds) } };
  const good = single(divide(rate(window, [fast], [], "_bucket"), rate(window, [sli.histogram], [], "_count")));
  return good === undefined ? undefined : 1 - good;
}

/** The series for which the condition holds now, with the value annotations show. */
export function evaluateCondition(condition: Condition, snapshots: readonly Snapshot[], now: number): ActiveSeries {
  const latest = snapshots[snapshots.length - 1];
  if (!latest) return [];
  switch (condition.kind) {
    case "ratio": {
      const window = windowOf(snapshots, now, parseDuration(condition.window));
      const by = condition.by ?? [];
      const ratio = divide(rate(window, condition.numerator, by), rate(window, condition.denominator, by));
      if (condition.transform === "drift") for (const entry of ratio.values()) entry.value = Math.abs(entry.value - 1);
      return filter(ratio, condition.op, condition.threshold);
    }
    case "latencyQuantile": {
      const window = windowOf(snapshots, now, parseDuration(condition.window));
      const buckets = rate(window, [condition.histogram], ["le", ...(condition.by ?? [])], "_bucket");
      return filter(histogramQuantile(condition.quantile, buckets), condition.op, condition.threshold);
    }
    case "gauge": {
      const by = condition.by ?? [];
      let vector = gauge(latest, condition.gauge, condition.aggregate, by);
      if (condition.divideBy) vector = divide(vector, gauge(latest, condition.divideBy, condition.aggregate, by));
      if (condition.transform === "age") for (const entry of vector.values()) entry.value = now / 1000 - entry.value;
      return filter(vector, condition.op, condition.threshold);
    }
    case "counterRate": {
      const window = windowOf(snapshots, now, parseDuration(condition.window));
      return filter(rate(window, [condition.counter], condition.by ?? []), condition.op, condition.threshold);
    }
    case "targetDown":
      return latest.up ? [] : [{ labels: { job: condition.job }, value: 0 }];
    case "absent": {
      if (!latest.up || selectSamples(latest, condition.selector).length > 0) return [];
      const labels: Record<string, string> = {};
      for (const [name, matcher] of Object.entries(condition.selector.matchers ?? {})) {
        if (typeof matcher === "string") labels[name] = matcher;
      }
      return [{ labels, value: 1 }];
    }
    case "burnRate": {
      const budget = 1 - condition.objective;
      for (const pair of condition.windows) {
        const long = badRatio(condition.sli, windowOf(snapshots, now, parseDuration(pair.long)));
        const short = badRatio(condition.sli, windowOf(snapshots, now, parseDuration(pair.short)));
        const limit = pair.factor * budget;
        if (long !== undefined && short !== undefined && long > limit && short > limit)
          return [{ labels: {}, value: long }];
      }
      return [];
    }
    case "promql":
      throw new TypeError("promql rules run in Prometheus only; the in-process evaluator cannot run them");
  }
}
