import type { MetricDefinition } from "@periscope/metrics";

export type Severity = "critical" | "warning" | "info";
export type Comparison = ">" | ">=" | "<" | "<=" | "==" | "!=";
export type Aggregation = "sum" | "max" | "min" | "avg";

/** A label value to match exactly, or `{ regex }` to match a fully anchored RE2 pattern (`=~`). */
export type LabelMatcher = string | { regex: string };

/** A metric named through a @periscope/metrics definition (or its name), narrowed by label matchers. */
export interface Selector {
  metric: Pick<MetricDefinition, "name"> | string;
  matchers?: Readonly<Record<string, LabelMatcher>>;
}

/** What every rule carries, whatever its kind. */
export interface RuleCommon {
  /** The alertname, PascalCase. */
  name: string;
  severity: Severity;
  /** How long the condition must hold before pending turns firing, as a Prometheus duration (`0s`, `5m`). */
  for: string;
  labels: { team: string; service: string } & Record<string, string>;
  summary: string;
  /** What is wrong and what to do first; must show the measured value (`{{ $value | humanize }}`). */
  description: string;
  /** Repository-relative path of the runbook (`docs/runbooks/HighErrorRate.md`) or an absolute URL. */
  runbook: string;
  /** Extra annotations (dashboard links, say). */
  annotations?: Record<string, string>;
}

/** numerator / denominator of summed per-second rates over a window, compared to a threshold. */
export interface RatioCondition {
  kind: "ratio";
  numerator: readonly Selector[];
  denominator: readonly Selector[];
  window: string;
  op: Comparison;
  threshold: number;
  /** `drift` compares |ratio - 1| instead of the ratio: how far an estimate is from what it estimates. */
  transform?: "drift";
  by?: readonly string[];
}

export interface LatencyQuantileCondition {
  kind: "latencyQuantile";
  histogram: Selector;
  quantile: number;
  window: string;
  op: Comparison;
  /** In the histogram's unit (seconds). */
  threshold: number;
  by?: readonly string[];
}

export interface GaugeCondition {
  kind: "gauge";
  gauge: Selector;
  /** Divide by another gauge aggregated the same way (pool in use / pool size). */
  divideBy?: Selector;
  /** `age` compares `time() - value`: seconds since a timestamp gauge. */
  transform?: "age";
  aggregate: Aggregation;
  op: Comparison;
  threshold: number;
  by?: readonly string[];
}

export interface CounterRateCondition {
  kind: "counterRate";
  counter: Selector;
  window: string;
  op: Comparison;
  /** Per second. */
  threshold: number;
  by?: readonly string[];
}

/** `up == 0` for a scrape job in Prometheus; in-process, a failed registry collection. */
export interface TargetDownCondition {
  kind: "targetDown";
  job: string;
}

/** No series of the metric matches: the exporter stopped reporting it. */
export interface AbsentCondition {
  kind: "absent";
  selector: Selector;
}

export interface BurnWindow {
  long: string;
  short: string;
  /** Burn-rate factor: the error ratio limit is factor x (1 - objective). */
  factor: number;
}

/** What counts as a bad event: matching error series, or requests slower than a histogram bucket bound. */
export type ServiceLevelIndicator =
  | { kind: "errors"; errors: readonly Selector[]; total: readonly Selector[] }
  | { kind: "latency"; histogram: Selector; thresholdSeconds: number };

/** Multi-window multi-burn-rate: any pair where both the long and the short window burn faster than `factor`. */
export interface BurnRateCondition {
  kind: "burnRate";
  objective: number;
  sli: ServiceLevelIndicator;
  windows: readonly BurnWindow[];
}

/** Prometheus only: an expression written by hand. The in-process evaluator refuses it. */
export interface PromqlCondition {
  kind: "promql";
  expr: string;
}

export type Condition =
  | RatioCondition
  | LatencyQuantileCondition
  | GaugeCondition
  | CounterRateCondition
  | TargetDownCondition
  | AbsentCondition
  | BurnRateCondition
  | PromqlCondition;

export type AlertRule = RuleCommon & { condition: Condition };

/** An alert the promtool test expects: labels beyond the rule's own, and the value its annotations show. */
export interface ExpectedAlert {
  /** Labels of the series the expression returns (the `by` labels). */
  labels?: Record<string, string>;
  /** Picks among rules sharing the alertname (an SLO's fast and slow burn). */
  severity?: Severity;
  value: number;
}

/** A promtool unit test case: input series, an evaluation time, the alerts expected then (none: stays quiet). */
export interface RuleTestCase {
  alertname: string;
  /** Series selector -> promtool expanding notation, one sample per minute (`0+60x30`). */
  series: Record<string, string>;
  at: string;
  expect: readonly ExpectedAlert[];
}

export interface RuleGroup {
  /** File name stem and group name (`http`). */
  name: string;
  interval?: string;
  rules: readonly AlertRule[];
  tests?: readonly RuleTestCase[];
}
