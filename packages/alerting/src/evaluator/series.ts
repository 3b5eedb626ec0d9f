import { metricName } from "../rules/promql.js";
import type { LabelMatcher, Selector } from "../rules/types.js";
import type { Labels, Sample, Snapshot } from "./snapshot.js";

/** One value per group of `by` labels. */
export type Vector = Map<string, { labels: Labels; value: number }>;

const regexCache = new Map<string, RegExp>();

function matches(value: string, matcher: LabelMatcher): boolean {
  if (typeof matcher === "string") return value === matcher;
  let regex = regexCache.get(matcher.regex);
  if (!regex) {
    regex = new RegExp(`^(?:${matcher.regex})$`);
    regexCache.set(matcher.regex, regex);
  }
  return regex.test(value);
}

export function selectSamples(snapshot: Snapshot, selector: Selector, suffix = ""): Sample[] {
  const samples = snapshot.samples.get(`${metricName(selector)}${suffix}`) ?? [];
  const matchers = Object.entries(selector.matchers ?? {});
  return samples.filter((sample) => matchers.every(([label, matcher]) => matches(sample.labels[label] ?? "", matcher)));
}

export function pick(labels: Labels, names: readonly string[]): Labels {
  const out: Labels = {};
  for (const name of names) if (labels[name] !== undefined && labels[name] !== "") out[name] = labels[name] as string;
  return out;
}

export function seriesKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function addTo(vector: Vector, labels: Labels, value: number): void {
  const key = seriesKey(labels);
  const current = vector.get(key);
  if (current) current.value += value;
  else vector.set(key, { labels, value });
}

/** The snapshots covering the last `windowMs`: from the oldest at or after its start to the latest. */
export function windowOf(snapshots: readonly Snapshot[], now: number, windowMs: number): Snapshot[] {
  return snapshots.filter((snapshot) => snapshot.at >= now - windowMs && snapshot.up);
}

/**
 * Counter increase over the window per series, summed by `by` labels, with resets handled as
 * Prometheus does: a drop means the counter restarted from zero.
 */
export function increase(window: readonly Snapshot[], selector: Selector, by: readonly string[], suffix = ""): Vector {
  const perSeries = new Map<string, { labels: Labels; last: number; total: number }>();
  for (const snapshot of window) {
    for (const sample of selectSamples(snapshot, selector, suffix)) {
      const key = seriesKey(sample.labels);
      const seen = perSeries.get(key);
      if (!seen) perSeries.set(key, { labels: sample.labels, last: sample.value, total: 0 });
      else {
        seen.total += sample.value >= seen.last ? sample.value - seen.last : sample.value;
        seen.last = sample.value;
      }
    }
  }
  const vector: Vector = new Map();
  for (const { labels, total } of perSeries.values()) addTo(vector, pick(labels, by), total);
  return vector;
}

/** Per-second rate: the increase divided by the seconds between the window's first and last snapshot. */
export function rate(
  window: readonly Snapshot[],
  selectors: readonly Selector[],
  by: readonly string[],
  suffix = "",
): Vector {
  const first = window[0];
  const last = window[window.length - 1];
  const vector: Vector = new Map();
  if (!first || !last || last.at <= first.at) return vector;
  const seconds = (last.at - first.at) / 1000;
  for (const selector of selectors) {
    for (const { labels, value } of increase(window, selector, by, suffix).values())
      addTo(vector, labels, value / seconds);
  }
  return vector;
}

/** Element-wise `left / right` over groups present on both sides with a non-zero divisor. */
export function divide(left: Vector, right: Vector): Vector {
  const out: Vector = new Map();
  for (const [key, { labels, value }] of left) {
    const divisor = right.get(key);
    if (divisor && divisor.value !== 0) out.set(key, { labels, value: value / divisor.value });
  }
  return out;
}
