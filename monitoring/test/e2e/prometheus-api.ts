export interface QueryResult {
  status: string;
  error?: string;
  data?: { resultType: string; result: unknown[] };
}

/** GET `path` on Prometheus with `params`; answers with the parsed body whatever the status (400 carries the parse error). */
export async function prometheusGet(
  baseUrl: string,
  path: string,
  params: Record<string, string> = {},
): Promise<QueryResult> {
  const response = await fetch(`${baseUrl}${path}?${new URLSearchParams(params)}`);
  return (await response.json()) as QueryResult;
}

export interface PromAlert {
  labels: Record<string, string>;
  state: string;
}

export async function prometheusAlerts(baseUrl: string): Promise<PromAlert[]> {
  const body = (await prometheusGet(baseUrl, "/api/v1/alerts")) as unknown as { data: { alerts: PromAlert[] } };
  return body.data.alerts;
}

/** Grafana's template variables replaced by their "All" value (`.*`), so a dashboard query runs as Grafana would. */
export function withAllVariables(expr: string): string {
  return expr.replace(/\$(job|instance|environment|provider|organization)\b/g, ".*");
}

/** The sample names and metric family names of a text exposition. */
export function exposedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const family = line.match(/^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) /)?.[1];
    if (family) names.add(family);
    const sample = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/)?.[1];
    if (sample) names.add(sample);
  }
  return names;
}
