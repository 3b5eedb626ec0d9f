import type {
  AbsentCondition,
  AlertRule,
  Comparison,
  CounterRateCondition,
  GaugeCondition,
  LatencyQuantileCondition,
  PromqlCondition,
  RatioCondition,
  RuleCommon,
  Selector,
  TargetDownCondition,
} from "./types.js";
import { validateRule } from "./validate.js";

type Options<C> = RuleCommon & Omit<C, "kind">;

function build<C extends AlertRule["condition"]>(kind: C["kind"], options: Options<C>): AlertRule {
  const { name, severity, for: pending, labels, summary, description, runbook, annotations, ...condition } = options;
  const rule: AlertRule = {
    name,
    severity,
    for: pending,
    labels,
    summary,
    description,
    runbook,
    condition: { kind, ...condition } as unknown as C,
  };
  if (annotations) rule.annotations = annotations;
  return validateRule(rule);
}

const list = (value: Selector | readonly Selector[]): readonly Selector[] =>
  Array.isArray(value) ? value : [value as Selector];

/** Any rule object, checked: throws a TypeError naming the rule and field when it is malformed. */
export function defineRule(rule: AlertRule): AlertRule {
  return validateRule(rule);
}

/** rate(numerator) / rate(denominator) over a window against a threshold (cache hit rate, success rate, cost drift). */
export function ratioRule(options: Options<RatioCondition>): AlertRule {
  return build<RatioCondition>("ratio", options);
}

export interface ErrorRatioOptions extends RuleCommon {
  errors: Selector | readonly Selector[];
  total: Selector | readonly Selector[];
  /** Default 5m. */
  window?: string;
  /** Fires when the error ratio is above this (0.05 = 5%). */
  above: number;
  by?: readonly string[];
}

/** Errors / total over a window above a ratio. */
export function errorRatioRule(options: ErrorRatioOptions): AlertRule {
  const { errors, total, window = "5m", above, by, ...common } = options;
  const condition: Omit<RatioCondition, "kind"> = {
    numerator: list(errors),
    denominator: list(total),
    window,
    op: ">",
    threshold: above,
  };
  if (by) condition.by = by;
  return build<RatioCondition>("ratio", { ...common, ...condition });
}

export interface LatencyQuantileOptions extends RuleCommon {
  histogram: Selector;
  quantile: number;
  /** Default 5m. */
  window?: string;
  /** Seconds: fires when the quantile is above this. */
  above: number;
  by?: readonly string[];
}

/** A histogram quantile over a window above a bound (p95 > 2 s). */
export function latencyQuantileRule(options: LatencyQuantileOptions): AlertRule {
  const { histogram, quantile, window = "5m", above, by, ...common } = options;
  const condition: Omit<LatencyQuantileCondition, "kind"> = { histogram, quantile, window, op: ">", threshold: above };
  if (by) condition.by = by;
  return build<LatencyQuantileCondition>("latencyQuantile", { ...common, ...condition });
}

export type GaugeThresholdOptions = RuleCommon &
  Omit<GaugeCondition, "kind" | "aggregate"> & { aggregate?: GaugeCondition["aggregate"] };

/** A gauge (aggregated, optionally divided by another gauge or turned into an age) against a threshold. */
export function gaugeThresholdRule(options: GaugeThresholdOptions): AlertRule {
  return build<GaugeCondition>("gauge", { ...options, aggregate: options.aggregate ?? "sum" });
}

export type CounterRateOptions = RuleCommon &
  Omit<CounterRateCondition, "kind" | "window" | "op"> & { window?: string; op?: Comparison };

/** The per-second rate of a counter against a threshold (errors per second, fallbacks per second). */
export function counterRateRule(options: CounterRateOptions): AlertRule {
  return build<CounterRateCondition>("counterRate", {
    ...options,
    window: options.window ?? "5m",
    op: options.op ?? ">",
  });
}

/** A scrape target that is down (`up == 0`); in-process, a registry that failed to collect. */
export function targetDownRule(options: Options<TargetDownCondition>): AlertRule {
  return build<TargetDownCondition>("targetDown", options);
}

/** A metric that no longer reports any series. */
export function absentRule(options: Options<AbsentCondition>): AlertRule {
  return build<AbsentCondition>("absent", options);
}

/** Raw PromQL for Prometheus-only rules; the in-process evaluator rejects these. */
export function promqlRule(options: Options<PromqlCondition>): AlertRule {
  return build<PromqlCondition>("promql", options);
}
