import {
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
} from "prom-client";
import { type CardinalityEvents, SeriesBudget, seriesKey } from "./cardinality.js";
import type { LabelValues } from "./definition.js";
import type { ExemplarLabels, ExemplarSource } from "./exemplars.js";
import { CounterSeries, GaugeSeries, HistogramSeries, type StoredExemplar, storeExemplar } from "./series-handle.js";

export type { StoredExemplar } from "./series-handle.js";

/** What Periscope adds to a prom-client metric's configuration. */
export interface GuardOptions {
  maxSeries: number;
  events: CardinalityEvents;
  /** Where samples take their exemplar from when none is given; undefined turns exemplars off. */
  exemplars?: ExemplarSource | undefined;
}

type Labels = LabelValues<string>;
type RemoveArguments = string[] | [Labels];

// prom-client's internals that these subclasses extend; the renderer's tests pin their shape.
interface CounterInternals {
  hashMap: Record<string, { exemplar?: StoredExemplar }>;
  incWithoutExemplar(labels: unknown, value?: number): { labelHash: string };
}
interface HistogramInternals {
  hashMap: Record<string, { bucketExemplars?: Record<string, StoredExemplar | null> }>;
  sortedLabelNames: string[];
  upperBounds: number[];
  labelNames: string[];
  observeWithoutExemplar(labels: unknown, value?: number): void;
  zero(labels: unknown): void;
}
interface GaugeInternals {
  sortedLabelNames: string[];
  inc(labels: unknown, value?: number): void;
}
const counterPrototype = Counter.prototype as unknown as CounterInternals;
const histogramPrototype = Histogram.prototype as unknown as HistogramInternals;
const gaugePrototype = Gauge.prototype as unknown as GaugeInternals;

function splitArguments(labelsOrValue: unknown, value: number | undefined): [Labels, number | undefined] {
  return typeof labelsOrValue === "object" && labelsOrValue !== null
    ? [labelsOrValue as Labels, value]
    : [{}, labelsOrValue as number | undefined];
}

/** A prom-client Counter with a series budget and exemplars taken from the active span. */
export class GuardedCounter<T extends string = string> extends Counter<T> {
  private readonly budget: SeriesBudget;
  private readonly exemplarSource: ExemplarSource | undefined;

  constructor(configuration: CounterConfiguration<T>, guard: GuardOptions) {
    super(configuration);
    this.budget = new SeriesBudget(this as never, guard.maxSeries, guard.events);
    this.budget.recount();
    this.exemplarSource = guard.exemplars;
  }

  /** prom-client routes `inc()` and `labels().inc()` through this method. */
  incWithoutExemplar(labelsOrValue?: unknown, value?: number): { labelHash: string } {
    const [labels, amount] = splitArguments(labelsOrValue, value);
    return this.incWithExemplarLabels(labels, amount, this.exemplarSource?.());
  }

  /** Increments with an explicit exemplar (the span captured when a request started, say). */
  incWithExemplarLabels(labels: Labels, value: number | undefined, exemplar: ExemplarLabels | undefined) {
    const result = counterPrototype.incWithoutExemplar.call(this, this.budget.admit(labels), value);
    if (exemplar) {
      const entry = (this as unknown as CounterInternals).hashMap[result.labelHash];
      if (entry) entry.exemplar = storeExemplar(entry.exemplar, exemplar, value ?? 1);
    }
    return result;
  }

  /** A handle on one series for hot paths: the labels are budgeted and hashed once, not per sample. */
  series(labels: LabelValues<T>): CounterSeries {
    return new CounterSeries(this as never, labels);
  }

  /** @internal Admits the labels, creates their series if missing, and returns its key. */
  seriesKeyFor(labels: Labels): string {
    return counterPrototype.incWithoutExemplar.call(this, this.budget.admit(labels), 0).labelHash;
  }

  override reset(): void {
    super.reset();
    this.budget?.recount(); // prom-client resets from its constructor, before the budget exists
  }

  override remove(...args: RemoveArguments): void {
    super.remove(...(args as [never]));
    this.budget.recount();
  }
}

/** A prom-client Histogram with a series budget and per-bucket exemplars taken from the active span. */
export class GuardedHistogram<T extends string = string> extends Histogram<T> {
  private readonly budget: SeriesBudget;
  private readonly exemplarSource: ExemplarSource | undefined;

  constructor(configuration: HistogramConfiguration<T>, guard: GuardOptions) {
    super(configuration);
    this.budget = new SeriesBudget(this as never, guard.maxSeries, guard.events);
    this.budget.recount();
    this.exemplarSource = guard.exemplars;
  }

  /** prom-client routes `observe()` and `startTimer()` through this method. */
  observeWithoutExemplar(labelsOrValue?: unknown, value?: number): void {
    const [labels, amount] = splitArguments(labelsOrValue, value);
    this.observeWithExemplarLabels(labels, amount as number, this.exemplarSource?.());
  }

  /** Observes with an explicit exemplar (the span captured when a request started, say). */
  observeWithExemplarLabels(labels: Labels, value: number, exemplar: ExemplarLabels | undefined): void {
    const admitted = this.budget.admit(labels);
    histogramPrototype.observeWithoutExemplar.call(this, admitted, value);
    if (exemplar) this.storeBucketExemplar(admitted, value, exemplar);
  }

  private storeBucketExemplar(labels: Labels, value: number, exemplar: ExemplarLabels) {
    const internals = this as unknown as HistogramInternals;
    const entry = internals.hashMap[seriesKey(labels, internals.sortedLabelNames)];
    if (!entry) return;
    const bound = internals.upperBounds.find((upperBound) => value <= upperBound) ?? -1;
    entry.bucketExemplars ??= {};
    entry.bucketExemplars[bound] = storeExemplar(entry.bucketExemplars[bound], exemplar, value);
  }

  /** prom-client's `labels().observe` bypasses `observe()`; route it through the budget. */
  override labels(...args: string[] | [LabelValues<T>]): Histogram.Internal<T> {
    const child = super.labels(...(args as [never]));
    const labels = labelsFromArguments((this as unknown as { labelNames: string[] }).labelNames, args);
    return { observe: (value: number) => this.observeWithoutExemplar(labels, value), startTimer: child.startTimer };
  }

  override zero(labels: LabelValues<T>): void {
    super.zero(this.budget.admit(labels) as LabelValues<T>);
  }

  /** A handle on one series for hot paths: the labels are budgeted and hashed once, not per sample. */
  series(labels: LabelValues<T>): HistogramSeries {
    const internals = this as unknown as HistogramInternals;
    return new HistogramSeries(this as never, labels, internals.upperBounds, internals.upperBounds.map(String));
  }

  /** @internal Admits the labels, creates their series if missing, and returns its key. */
  seriesKeyFor(labels: Labels): string {
    const internals = this as unknown as HistogramInternals;
    const admitted = this.budget.admit(labels);
    const key = seriesKey(admitted, internals.sortedLabelNames);
    if (!(key in internals.hashMap)) {
      assertKnownLabels(admitted, internals.labelNames);
      histogramPrototype.zero.call(this, admitted);
    }
    return key;
  }

  override reset(): void {
    super.reset();
    this.budget?.recount(); // prom-client resets from its constructor, before the budget exists
  }

  override remove(...args: RemoveArguments): void {
    super.remove(...(args as [never]));
    this.budget.recount();
  }
}

/** A prom-client Gauge with a series budget. */
export class GuardedGauge<T extends string = string> extends Gauge<T> {
  private readonly budget: SeriesBudget;

  constructor(configuration: GaugeConfiguration<T>, guard: GuardOptions) {
    super(configuration);
    this.budget = new SeriesBudget(this as never, guard.maxSeries, guard.events);
    this.budget.recount();
  }

  override set(labelsOrValue: LabelValues<T> | number, value?: number): void {
    const [labels, amount] = splitArguments(labelsOrValue, value);
    super.set(this.budget.admit(labels) as LabelValues<T>, amount as number);
  }

  override inc(labelsOrValue?: LabelValues<T> | number, value?: number): void {
    const [labels, amount] = splitArguments(labelsOrValue, value);
    super.inc(this.budget.admit(labels) as LabelValues<T>, amount);
  }

  override dec(labelsOrValue?: LabelValues<T> | number, value?: number): void {
    const [labels, amount] = splitArguments(labelsOrValue, value);
    super.dec(this.budget.admit(labels) as LabelValues<T>, amount);
  }

  /** A handle on one series for hot paths: the labels are budgeted and hashed once, not per sample. */
  series(labels: LabelValues<T>): GaugeSeries {
    return new GaugeSeries(this as never, labels);
  }

  /** @internal Admits the labels, creates their series if missing, and returns its key. */
  seriesKeyFor(labels: Labels): string {
    const admitted = this.budget.admit(labels);
    gaugePrototype.inc.call(this, admitted, 0);
    return seriesKey(admitted, (this as unknown as GaugeInternals).sortedLabelNames);
  }

  override reset(): void {
    super.reset();
    this.budget?.recount(); // prom-client resets from its constructor, before the budget exists
  }

  override remove(...args: RemoveArguments): void {
    super.remove(...(args as [never]));
    this.budget.recount();
  }
}

function assertKnownLabels(labels: Labels, labelNames: readonly string[]): void {
  for (const name of Object.keys(labels)) {
    if (!labelNames.includes(name)) throw new Error(`Added label "${name}" is not included in initial labelset`);
  }
}

function labelsFromArguments(labelNames: string[], args: unknown[]): Labels {
  if (args.length === 1 && typeof args[0] === "object" && args[0] !== null) return args[0] as Labels;
  const labels: Labels = {};
  labelNames.forEach((name, index) => {
    if (args[index] !== undefined) labels[name] = args[index] as string;
  });
  return labels;
}
