import { parseDuration } from "./duration.js";
import { metricName } from "./promql.js";
import { checkTemplate } from "./template.js";
import type { AlertRule, Condition, Selector } from "./types.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SEVERITIES = new Set(["critical", "warning", "info"]);
const COMPARISONS = new Set([">", ">=", "<", "<=", "==", "!="]);
const AGGREGATIONS = new Set(["sum", "max", "min", "avg"]);
const RESERVED_LABELS = new Set(["alertname", "severity"]);

function fail(rule: string, message: string): never {
  throw new TypeError(`alert rule ${JSON.stringify(rule)}: ${message}`);
}

function nonEmpty(rule: string, field: string, value: unknown): void {
  if (typeof value !== "string" || value.trim() === "") fail(rule, `${field} is required (a non-empty string)`);
}

function finite(rule: string, field: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(rule, `${field} must be a finite number`);
}

function selectors(rule: string, field: string, list: readonly Selector[] | undefined): void {
  if (!Array.isArray(list) || list.length === 0) fail(rule, `${field} needs at least one metric selector`);
  for (const selector of list) {
    const name = selector && typeof selector === "object" ? metricName(selector) : undefined;
    if (typeof name !== "string" || !METRIC.test(name))
      fail(rule, `${field} names an invalid metric ${JSON.stringify(name)}`);
    for (const label of Object.keys(selector.matchers ?? {})) {
      if (!NAME.test(label)) fail(rule, `${field} matches on an invalid label name ${JSON.stringify(label)}`);
    }
  }
}

function duration(rule: string, field: string, value: string): void {
  try {
    parseDuration(value, field);
  } catch (error) {
    fail(rule, (error as Error).message);
  }
}

function comparison(rule: string, op: unknown, threshold: unknown): void {
  if (!COMPARISONS.has(op as string))
    fail(rule, `op must be one of ${[...COMPARISONS].join(" ")}, got ${JSON.stringify(op)}`);
  finite(rule, "threshold", threshold);
}

function groupBy(rule: string, labels: readonly string[] | undefined): void {
  for (const label of labels ?? [])
    if (!NAME.test(label)) fail(rule, `by names an invalid label ${JSON.stringify(label)}`);
}

function checkCondition(rule: string, condition: Condition): void {
  switch (condition.kind) {
    case "ratio":
      selectors(rule, "numerator", condition.numerator);
      selectors(rule, "denominator", condition.denominator);
      duration(rule, "window", condition.window);
      comparison(rule, condition.op, condition.threshold);
      groupBy(rule, condition.by);
      return;
    case "latencyQuantile":
      selectors(rule, "histogram", [condition.histogram]);
      duration(rule, "window", condition.window);
      if (!(condition.quantile > 0 && condition.quantile < 1)) fail(rule, "quantile must be between 0 and 1");
      comparison(rule, condition.op, condition.threshold);
      groupBy(rule, condition.by);
      return;
    case "gauge":
      selectors(rule, "gauge", [condition.gauge]);
      if (condition.divideBy) selectors(rule, "divideBy", [condition.divideBy]);
      if (!AGGREGATIONS.has(condition.aggregate))
        fail(rule, `aggregate must be one of ${[...AGGREGATIONS].join(", ")}`);
      comparison(rule, condition.op, condition.threshold);
      groupBy(rule, condition.by);
      return;
    case "counterRate":
      selectors(rule, "counter", [condition.counter]);
      duration(rule, "window", condition.window);
      comparison(rule, condition.op, condition.threshold);
      groupBy(rule, condition.by);
      return;
    case "targetDown":
      nonEmpty(rule, "job", condition.job);
      return;
    case "absent":
      selectors(rule, "selector", [condition.selector]);
      return;
    case "burnRate":
      if (!(condition.objective > 0 && condition.objective < 1))
        fail(rule, "objective must be between 0 and 1 (0.999)");
      if (condition.sli.kind === "errors") {
        selectors(rule, "sli.errors", condition.sli.errors);
        selectors(rule, "sli.total", condition.sli.total);
      } else {
        selectors(rule, "sli.histogram", [condition.sli.histogram]);
        finite(rule, "sli.thresholdSeconds", condition.sli.thresholdSeconds);
        const metric = condition.sli.histogram.metric;
        const buckets = typeof metric === "object" ? (metric as { buckets?: readonly number[] }).buckets : undefined;
        if (buckets && !buckets.includes(condition.sli.thresholdSeconds)) {
          fail(
            rule,
            `sli.thresholdSeconds must be a bucket bound of ${metricName(condition.sli.histogram)} (${buckets.join(", ")})`,
          );
        }
      }
      if (condition.windows.length === 0) fail(rule, "windows needs at least one long/short pair");
      for (const window of condition.windows) {
        duration(rule, "windows.long", window.long);
        duration(rule, "windows.short", window.short);
        finite(rule, "windows.factor", window.factor);
      }
      return;
    case "promql":
      nonEmpty(rule, "expr", condition.expr);
      return;
    default:
      fail(rule, `unknown condition kind ${JSON.stringify((condition as { kind?: unknown })?.kind)}`);
  }
}

const VALUELESS = new Set(["targetDown", "absent", "promql"]);

/** Throws a TypeError naming the rule and the field when a rule is incomplete or malformed. */
export function validateRule(rule: AlertRule): AlertRule {
  const name = typeof rule?.name === "string" ? rule.name : "?";
  if (!NAME.test(name)) fail(name, "name must be an identifier like HighErrorRate");
  if (!SEVERITIES.has(rule.severity))
    fail(name, `severity must be critical, warning or info, got ${JSON.stringify(rule.severity)}`);
  duration(name, "for", rule.for);
  if (!rule.labels || typeof rule.labels !== "object") fail(name, "labels with team and service are required");
  nonEmpty(name, "labels.team", rule.labels.team);
  nonEmpty(name, "labels.service", rule.labels.service);
  for (const [label, value] of Object.entries(rule.labels)) {
    if (!NAME.test(label) || RESERVED_LABELS.has(label)) fail(name, `label ${JSON.stringify(label)} is not allowed`);
    if (typeof value !== "string") fail(name, `label ${label} must be a string`);
  }
  nonEmpty(name, "summary", rule.summary);
  nonEmpty(name, "description", rule.description);
  nonEmpty(name, "runbook", rule.runbook);
  checkTemplate(rule.summary, `alert rule "${name}" summary`);
  checkTemplate(rule.description, `alert rule "${name}" description`);
  if (!rule.condition || typeof rule.condition !== "object") fail(name, "condition is required");
  if (!VALUELESS.has(rule.condition.kind) && !rule.description.includes("$value")) {
    fail(name, "description must show the measured value, e.g. {{ $value | humanize }}");
  }
  checkCondition(name, rule.condition);
  return rule;
}
