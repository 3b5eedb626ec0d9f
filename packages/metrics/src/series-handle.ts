import type { LabelValues } from "./definition.js";
import type { ExemplarLabels } from "./exemplars.js";

type Labels = LabelValues<string>;

/** prom-client's stored form of a counter or gauge series, and of a histogram series. */
export interface ValueEntry {
  value: number;
  exemplar?: StoredExemplar;
}
export interface HistogramEntry {
  sum: number;
  count: number;
  bucketValues: Record<string, number>;
  bucketExemplars?: Record<string, StoredExemplar | null>;
}
/** A stored exemplar, in the shape prom-client itself keeps (so its own OpenMetrics output shows it too). */
export interface StoredExemplar {
  labelSet: ExemplarLabels;
  value: number;
  timestamp: number;
}

/** What a handle needs of its metric: where series live, and how to create one within the budget. */
export interface SeriesOwner<E> {
  readonly hashMap: Record<string, E>;
  /** Admits the labels to the series budget, creates the series if missing, and returns its key. */
  seriesKeyFor(labels: Labels): string;
}

/**
 * One series of a guarded metric, resolved once: the hot path updates prom-client's stored entry in
 * place instead of validating, budgeting and hashing the labels on every sample. The entry is looked
 * up again whenever prom-client replaced or dropped it (reset, remove, zero, set).
 */
abstract class SeriesHandle<E> {
  private key: string | undefined;
  private current: E | undefined;

  constructor(
    private readonly owner: SeriesOwner<E>,
    private readonly labels: Labels,
  ) {}

  protected entry(): E {
    const key = this.key;
    if (key !== undefined) {
      const stored = this.owner.hashMap[key];
      if (stored !== undefined && stored === this.current) return stored;
    }
    this.key = this.owner.seriesKeyFor(this.labels);
    this.current = this.owner.hashMap[this.key] as E;
    return this.current;
  }
}

export class CounterSeries extends SeriesHandle<ValueEntry> {
  inc(value: number, exemplar: ExemplarLabels | undefined): void {
    if (!(value >= 0 && value !== Number.POSITIVE_INFINITY)) {
      throw new TypeError(`Counter increment must be a finite number >= 0, got ${value}`);
    }
    const entry = this.entry();
    entry.value += value;
    if (exemplar) entry.exemplar = storeExemplar(entry.exemplar, exemplar, value);
  }
}

export class GaugeSeries extends SeriesHandle<ValueEntry> {
  add(delta: number): void {
    this.entry().value += delta;
  }
}

export class HistogramSeries extends SeriesHandle<HistogramEntry> {
  constructor(
    owner: SeriesOwner<HistogramEntry>,
    labels: Labels,
    private readonly upperBounds: readonly number[],
    private readonly bucketKeys: readonly string[],
  ) {
    super(owner, labels);
  }

  observe(value: number, exemplar: ExemplarLabels | undefined): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const entry = this.entry();
    entry.sum += value;
    entry.count += 1;
    const bounds = this.upperBounds;
    let index = 0;
    while (index < bounds.length && value > (bounds[index] as number)) index++;
    // Like prom-client, a value above the last bound is counted only in +Inf (the count).
    if (index < bounds.length) {
      const bucket = this.bucketKeys[index] as string;
      entry.bucketValues[bucket] = (entry.bucketValues[bucket] as number) + 1;
    }
    if (exemplar) {
      const bound = index < bounds.length ? (this.bucketKeys[index] as string) : "-1";
      entry.bucketExemplars ??= {};
      entry.bucketExemplars[bound] = storeExemplar(entry.bucketExemplars[bound], exemplar, value);
    }
  }
}

export function storeExemplar(
  slot: StoredExemplar | null | undefined,
  labelSet: ExemplarLabels,
  value: number,
): StoredExemplar {
  const timestamp = Date.now() / 1000;
  if (!slot) return { labelSet, value, timestamp };
  slot.labelSet = labelSet;
  slot.value = value;
  slot.timestamp = timestamp;
  return slot;
}
