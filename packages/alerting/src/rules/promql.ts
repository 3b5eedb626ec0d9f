import type { Condition, LabelMatcher, Selector, ServiceLevelIndicator } from "./types.js";

export function metricName(selector: Selector): string {
  return typeof selector.metric === "string" ? selector.metric : selector.metric.name;
}

function matcher(label: string, value: LabelMatcher): string {
  return typeof value === "string" ? `${label}=${JSON.stringify(value)}` : `${label}=~${JSON.stringify(value.regex)}`;
}

/** `name_suffix{a="b",c=~"d"}`, labels sorted so output is stable. */
export function selectorText(selector: Selector, suffix = ""): string {
  const entries = Object.entries(selector.matchers ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const inner = entries.map(([label, value]) => matcher(label, value)).join(",");
  return `${metricName(selector)}${suffix}${inner ? `{${inner}}` : ""}`;
}

/** `sum by (a, b) (` or `sum(`. */
function aggregateOpen(aggregation: string, labels: readonly string[] | undefined): string {
  return labels && labels.length > 0 ? `${aggregation} by (${labels.join(", ")}) (` : `${aggregation}(`;
}

function summedRate(selectors: readonly Selector[], window: string, labels?: readonly string[], suffix = ""): string {
  const terms = selectors.map(
    (selector) => `${aggregateOpen("sum", labels)}rate(${selectorText(selector, suffix)}[${window}]))`,
  );
  return terms.length === 1 ? (terms[0] as string) : `(${terms.join(" + ")})`;
}

function badRatio(sli: ServiceLevelIndicator, window: string): string {
  if (sli.kind === "errors") return `${summedRate(sli.errors, window)} / ${summedRate(sli.total, window)}`;
  const fast: Selector = {
    ...sli.histogram,
    matchers: { ...sli.histogram.matchers, le: String(sli.thresholdSeconds) },
  };
  const good = summedRate([fast], window, undefined, "_bucket");
  return `(1 - ${good} / ${summedRate([sli.histogram], window, undefined, "_count")})`;
}

/** The PromQL expression of a condition: the alert fires for every series it returns. */
export function conditionExpression(condition: Condition): string {
  switch (condition.kind) {
    case "ratio": {
      const ratio = `${summedRate(condition.numerator, condition.window, condition.by)} / ${summedRate(condition.denominator, condition.window, condition.by)}`;
      const value = condition.transform === "drift" ? `abs(${ratio} - 1)` : ratio;
      return `${value} ${condition.op} ${condition.threshold}`;
    }
    case "latencyQuantile": {
      const labels = ["le", ...(condition.by ?? [])];
      const buckets = `sum by (${labels.join(", ")}) (rate(${selectorText(condition.histogram, "_bucket")}[${condition.window}]))`;
      return `histogram_quantile(${condition.quantile}, ${buckets}) ${condition.op} ${condition.threshold}`;
    }
    case "gauge": {
      const aggregate = (selector: Selector) =>
        `${aggregateOpen(condition.aggregate, condition.by)}${selectorText(selector)})`;
      let value = aggregate(condition.gauge);
      if (condition.divideBy) value = `${value} / ${aggregate(condition.divideBy)}`;
      if (condition.transform === "age") value = `time() - ${value}`;
      return `${value} ${condition.op} ${condition.threshold}`;
    }
    case "counterRate":
      return `${summedRate([condition.counter], condition.window, condition.by)} ${condition.op} ${condition.threshold}`;
    case "targetDown":
      return `up{job=${JSON.stringify(condition.job)}} == 0`;
    case "absent":
      return `absent(${selectorText(condition.selector)})`;
    case "burnRate": {
      const budget = Number((1 - condition.objective).toPrecision(12));
      const pairs = condition.windows.map((window) => {
        const limit = Number((window.factor * budget).toPrecision(12));
        return `(\n  ${badRatio(condition.sli, window.long)} > ${limit}\nand\n  ${badRatio(condition.sli, window.short)} > ${limit}\n)`;
      });
      return pairs.join("\nor\n");
    }
    case "promql":
      return condition.expr;
  }
}
