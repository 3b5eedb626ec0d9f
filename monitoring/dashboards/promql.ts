/** The parts of a metric definition a query needs: its name and type decide the series names. */
export interface SeriesSource {
  readonly name: string;
  readonly type: string;
}

export type HistogramSuffix = "_bucket" | "_sum" | "_count";

/** The label matchers every panel applies: the dashboard's job, instance and environment variables. */
export const SCOPE = 'job=~"$job", instance=~"$instance", environment=~"$environment"';

/** `name{scope, extra}`: a selector for one series of a metric, refusing a suffix its type does not have. */
export function series(metric: SeriesSource, options: { suffix?: HistogramSuffix; match?: string } = {}): string {
  const { suffix, match } = options;
  if (suffix !== undefined && metric.type !== "histogram") {
    throw new Error(`series(): ${metric.name} is a ${metric.type}; only histograms have ${suffix}`);
  }
  const matchers = match ? `${SCOPE}, ${match}` : SCOPE;
  return `${metric.name}${suffix ?? ""}{${matchers}}`;
}

/** `histogram_quantile(q, sum by (le, ...) (rate(name_bucket{...}[$__rate_interval])))`. */
export function quantile(q: number, metric: SeriesSource, by: readonly string[] = [], match?: string): string {
  const labels = ["le", ...by].join(", ");
  return `histogram_quantile(${q}, sum by (${labels}) (rate(${series(metric, { suffix: "_bucket", match })}[$__rate_interval])))`;
}

/** `sum by (...) (rate(name{...}[$__rate_interval]))`, or `sum(...)` with no labels. */
export function sumRate(metric: SeriesSource, by: readonly string[] = [], match?: string): string {
  const suffix = metric.type === "histogram" ? "_count" : undefined;
  const grouping = by.length > 0 ? ` by (${by.join(", ")})` : "";
  return `sum${grouping} (rate(${series(metric, { suffix, match })}[$__rate_interval]))`;
}

/** `sum by (...) (increase(name{...}[window]))`: the total over a fixed window, an hour of cost, say. */
export function sumIncrease(metric: SeriesSource, window: string, by: readonly string[] = [], match?: string): string {
  const grouping = by.length > 0 ? ` by (${by.join(", ")})` : "";
  return `sum${grouping} (increase(${series(metric, { match })}[${window}]))`;
}
