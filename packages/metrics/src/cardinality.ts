import type { LabelValues } from "./definition.js";

/** The value every label takes in the series that collects samples past a metric's series budget. */
export const OVERFLOW_LABEL_VALUE = "__overflow__";
/** Label values longer than this are cut, so a hostile value cannot bloat memory or a scrape. */
export const MAX_LABEL_VALUE_LENGTH = 256;
export const DEFAULT_MAX_SERIES = 2000;

export interface CardinalityEvents {
  /** Called with each sample that was folded into the overflow series. */
  folded(metricName: string): void;
  /** Called once per metric, the first time its budget is exceeded. */
  warn(message: string): void;
}

interface HashMapOwner {
  hashMap: Record<string, unknown>;
  readonly name: string;
  readonly labelNames: readonly string[];
  readonly sortedLabelNames: readonly string[];
}

/**
 * Keeps a metric's series count within its budget. It mirrors prom-client's own series key
 * (sorted `name:value,` pairs) so that the check for an existing series is one lookup.
 */
export class SeriesBudget {
  private series = 0;
  private warned = false;
  private readonly overflowLabels: Record<string, string>;

  constructor(
    private readonly metric: HashMapOwner,
    private readonly maxSeries: number,
    private readonly events: CardinalityEvents,
  ) {
    this.overflowLabels = Object.fromEntries(metric.labelNames.map((name) => [name, OVERFLOW_LABEL_VALUE]));
  }

  /** Returns the labels to record: the given ones, a copy with long values cut, or the overflow set. */
  admit<L extends string>(labels: LabelValues<L>): LabelValues<L> {
    const hashMap = this.metric.hashMap;
    if (seriesKey(labels, this.metric.sortedLabelNames) in hashMap) return labels;
    const bounded = cutLongValues(labels);
    if (bounded !== labels && seriesKey(bounded, this.metric.sortedLabelNames) in hashMap) return bounded;
    if (this.series < this.maxSeries) {
      this.series++;
      return bounded;
    }
    this.events.folded(this.metric.name);
    if (!this.warned) {
      this.warned = true;
      this.events.warn(
        `@periscope/metrics: metric ${this.metric.name} reached its budget of ${this.maxSeries} series; ` +
          `further label sets are folded into the series with every label set to "${OVERFLOW_LABEL_VALUE}". ` +
          "Check for an unbounded label value (an id, a raw URL), or raise maxSeries for this metric.",
      );
    }
    return this.overflowLabels as LabelValues<L>;
  }

  /** Re-reads the series count after prom-client removed or reset series. */
  recount(): void {
    this.series = Object.keys(this.metric.hashMap).length;
  }
}

export function seriesKey(labels: Record<string, unknown>, sortedLabelNames: readonly string[]): string {
  let key = "";
  for (const name of sortedLabelNames) {
    const value = labels[name];
    if (value !== undefined) key += `${name}:${value},`;
  }
  return key;
}

function cutLongValues<T extends Record<string, unknown>>(labels: T): T {
  let copy: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(labels)) {
    if (typeof value === "string" && value.length > MAX_LABEL_VALUE_LENGTH) {
      copy ??= { ...labels };
      copy[name] = `${value.slice(0, MAX_LABEL_VALUE_LENGTH)}…`;
    }
  }
  return (copy as T | undefined) ?? labels;
}
