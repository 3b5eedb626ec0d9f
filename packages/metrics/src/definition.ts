export type MetricType = "counter" | "gauge" | "histogram";

/** The shape every metric of Periscope is declared with, so names, labels and buckets are defined once. */
export interface MetricDefinition<L extends string = string, T extends MetricType = MetricType> {
  readonly name: string;
  readonly help: string;
  readonly type: T;
  readonly labelNames: readonly L[];
  /** Histogram bucket upper bounds, in the metric's base unit. */
  readonly buckets?: readonly number[];
  /** Series budget of this metric; past it label sets fold into one overflow series. */
  readonly maxSeries?: number;
}

export type LabelValues<L extends string> = Partial<Record<L, string | number>>;

export function defineMetric<const L extends string, const T extends MetricType>(
  definition: MetricDefinition<L, T>,
): MetricDefinition<L, T> {
  return definition;
}
