import type { Vector } from "./series.js";

/** Prometheus' histogram_quantile over cumulative bucket counts (`le` -> count), linear within a bucket. */
export function bucketQuantile(quantile: number, buckets: ReadonlyArray<{ upper: number; count: number }>): number {
  const sorted = [...buckets].sort((a, b) => a.upper - b.upper);
  const last = sorted[sorted.length - 1];
  if (!last || last.upper !== Number.POSITIVE_INFINITY || sorted.length < 2) return Number.NaN;
  const total = last.count;
  if (total === 0) return Number.NaN;
  const rank = quantile * total;
  let index = sorted.findIndex((bucket) => bucket.count >= rank);
  if (index === -1) index = sorted.length - 1;
  if (index === sorted.length - 1) return (sorted[sorted.length - 2] as { upper: number }).upper;
  const bucket = sorted[index] as { upper: number; count: number };
  if (index === 0 && bucket.upper <= 0) return bucket.upper;
  const start = index === 0 ? 0 : (sorted[index - 1] as { upper: number }).upper;
  const below = index === 0 ? 0 : (sorted[index - 1] as { count: number }).count;
  return start + (bucket.upper - start) * ((rank - below) / (bucket.count - below));
}

/** Groups bucket rates (labelled with `le`) by their other labels and takes the quantile of each group. */
export function histogramQuantile(quantile: number, bucketRates: Vector): Vector {
  const groups = new Map<string, { labels: Record<string, string>; buckets: { upper: number; count: number }[] }>();
  for (const { labels, value } of bucketRates.values()) {
    const { le, ...rest } = labels;
    if (le === undefined) continue;
    const key = JSON.stringify(Object.entries(rest).sort());
    let group = groups.get(key);
    if (!group) {
      group = { labels: rest, buckets: [] };
      groups.set(key, group);
    }
    group.buckets.push({ upper: le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le), count: value });
  }
  const out: Vector = new Map();
  for (const [key, group] of groups) {
    const value = bucketQuantile(quantile, group.buckets);
    if (!Number.isNaN(value)) out.set(key, { labels: group.labels, value });
  }
  return out;
}
