/** The two text formats a scraper can ask for. */
export type ExpositionFormat = "prometheus" | "openmetrics";

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
export const OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

export function contentTypeOf(format: ExpositionFormat): string {
  return format === "openmetrics" ? OPENMETRICS_CONTENT_TYPE : PROMETHEUS_CONTENT_TYPE;
}

/**
 * Picks the format from an Accept header by its q-values, as Prometheus sends it:
 * `application/openmetrics-text;version=1.0.0,...,text/plain;version=0.0.4;q=0.5,*\/*;q=0.1`.
 * Anything unreadable gets the classic text format, which every scraper understands.
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  if (!accept || accept.length > 1024) return "prometheus";
  let openMetricsQuality = 0;
  let textQuality = 0;
  for (const range of accept.split(",")) {
    const [mediaType = "", ...parameters] = range.split(";").map((part) => part.trim().toLowerCase());
    const quality = qualityOf(parameters);
    if (mediaType === "application/openmetrics-text") openMetricsQuality = Math.max(openMetricsQuality, quality);
    else if (mediaType === "text/plain" || mediaType === "*/*" || mediaType === "text/*") {
      textQuality = Math.max(textQuality, quality);
    }
  }
  return openMetricsQuality > 0 && openMetricsQuality >= textQuality ? "openmetrics" : "prometheus";
}

function qualityOf(parameters: string[]): number {
  for (const parameter of parameters) {
    if (!parameter.startsWith("q=")) continue;
    const quality = Number(parameter.slice(2));
    return Number.isFinite(quality) && quality >= 0 && quality <= 1 ? quality : 0;
  }
  return 1;
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

const NEEDS_ESCAPE = /[\\\n"]/;

export function escapeLabelValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

export function escapeHelp(help: string, format: ExpositionFormat): string {
  const escaped = help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
  return format === "openmetrics" ? escaped.replace(/"/g, '\\"') : escaped;
}

/** `a="1",b="2"` for the metric's own labels followed by the registry's default labels it does not set. */
export function formatLabelPairs(
  labels: Record<string, unknown>,
  defaultLabels: Record<string, unknown> | undefined,
): string {
  let pairs = "";
  for (const name in labels) {
    const value = labels[name];
    if (value === undefined) continue;
    pairs += `${pairs ? "," : ""}${name}="${escapeLabelValue(String(value))}"`;
  }
  if (defaultLabels) {
    for (const name in defaultLabels) {
      if (labels[name] !== undefined || defaultLabels[name] === undefined) continue;
      pairs += `${pairs ? "," : ""}${name}="${escapeLabelValue(String(defaultLabels[name]))}"`;
    }
  }
  return pairs;
}
