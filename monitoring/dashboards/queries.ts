/** Where a PromQL expression sits in a dashboard, for error messages. */
export interface DashboardQuery {
  dashboard: string;
  where: string;
  expr: string;
}

interface JsonPanel {
  title?: string;
  targets?: Array<{ expr?: string; datasource?: { type?: string } }>;
  panels?: JsonPanel[];
}

interface JsonDashboard {
  uid?: string;
  panels?: JsonPanel[];
  templating?: { list?: Array<{ name: string; type: string; query?: unknown }> };
  annotations?: { list?: Array<{ name: string; expr?: string }> };
}

const LABEL_VALUES = /^label_values\((.+),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)$/s;

/** Every PromQL expression of a dashboard: panel targets, query variables (their selector) and annotations. */
export function dashboardQueries(dashboard: JsonDashboard): DashboardQuery[] {
  const name = dashboard.uid ?? "unknown";
  const found: DashboardQuery[] = [];
  const visit = (panels: JsonPanel[] | undefined) => {
    for (const panel of panels ?? []) {
      for (const target of panel.targets ?? []) {
        if (target.expr) found.push({ dashboard: name, where: `panel "${panel.title}"`, expr: target.expr });
      }
      visit(panel.panels);
    }
  };
  visit(dashboard.panels);
  for (const variable of dashboard.templating?.list ?? []) {
    if (variable.type !== "query") continue;
    const query = typeof variable.query === "string" ? variable.query : (variable.query as { query?: string })?.query;
    const selector = query?.match(LABEL_VALUES)?.[1];
    if (selector) found.push({ dashboard: name, where: `variable "${variable.name}"`, expr: selector });
  }
  for (const annotation of dashboard.annotations?.list ?? []) {
    if (annotation.expr)
      found.push({ dashboard: name, where: `annotation "${annotation.name}"`, expr: annotation.expr });
  }
  return found;
}

/** Grafana's macros replaced by plain durations, so Prometheus tools can parse the expression. */
export function toPlainPromql(expr: string): string {
  return expr.replaceAll("$__rate_interval", "5m").replaceAll("$__interval", "1m").replaceAll("$__range", "1h");
}

const KEYWORDS = new Set([
  "and",
  "or",
  "unless",
  "bool",
  "offset",
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "inf",
  "nan",
  "start",
  "end",
]);

/** The metric names an expression selects (not functions, labels, keywords or durations). */
export function metricNames(expr: string): string[] {
  const stripped = toPlainPromql(expr)
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, "{}")
    .replace(/\[[^\]]*\]/g, "[]")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[0-9.]*[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const token = match[0];
    if (/^[0-9.]/.test(token) || KEYWORDS.has(token.toLowerCase())) continue;
    const rest = stripped.slice((match.index ?? 0) + token.length);
    if (/^\s*\(/.test(rest)) continue;
    names.add(token);
  }
  return [...names];
}
