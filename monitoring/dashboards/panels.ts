import type { Builder, Dataquery } from "@grafana/grafana-foundation-sdk/cog";
import { DashboardLinkBuilder, type Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import { DataqueryBuilder, PromQueryFormat } from "@grafana/grafana-foundation-sdk/prometheus";
import { PanelBuilder as StatPanel } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TablePanel } from "@grafana/grafana-foundation-sdk/table";
import { TextMode, PanelBuilder as TextPanel } from "@grafana/grafana-foundation-sdk/text";
import { PanelBuilder as TimeseriesPanel } from "@grafana/grafana-foundation-sdk/timeseries";
import type { AlertRule } from "./alert-rules.js";
import { PROMETHEUS } from "./datasources.js";

export interface Query {
  expr: string;
  legend?: string;
  /** Shows exemplars (trace ids) on the graph; each links to the trace data source. */
  exemplar?: boolean;
}

export interface PanelOptions {
  description?: string;
  unit?: string;
  min?: number;
  max?: number;
  width?: number;
  height?: number;
}

function target(query: Query, index: number): Builder<Dataquery> {
  return new DataqueryBuilder()
    .datasource(PROMETHEUS)
    .refId(String.fromCharCode(65 + index))
    .expr(query.expr)
    .legendFormat(query.legend ?? "__auto")
    .exemplar(query.exemplar ?? false)
    .range();
}

export function timeseries(title: string, queries: Query[], options: PanelOptions = {}): Builder<Panel> {
  const panel = new TimeseriesPanel()
    .title(title)
    .datasource(PROMETHEUS)
    .targets(queries.map(target))
    .unit(options.unit ?? "short")
    .span(options.width ?? 12)
    .height(options.height ?? 8)
    .fillOpacity(10)
    .lineWidth(1);
  if (options.description) panel.description(options.description);
  if (options.min !== undefined) panel.min(options.min);
  if (options.max !== undefined) panel.max(options.max);
  return panel;
}

export function stat(title: string, query: Query, options: PanelOptions = {}): Builder<Panel> {
  const panel = new StatPanel()
    .title(title)
    .datasource(PROMETHEUS)
    .withTarget(target(query, 0))
    .unit(options.unit ?? "short")
    .span(options.width ?? 6)
    .height(options.height ?? 4);
  if (options.description) panel.description(options.description);
  return panel;
}

/** A markdown list of the dashboard's alerts, each linking its runbook. */
export function runbooksPanel(alerts: AlertRule[]): Builder<Panel> {
  const lines = alerts.map(
    (rule) => `- **[${rule.alert}](${rule.runbookUrl})** (${rule.severities.join(", ")}): ${rule.summary}`,
  );
  return new TextPanel()
    .title("Alerts and runbooks")
    .mode(TextMode.Markdown)
    .content(lines.join("\n"))
    .span(12)
    .height(8);
}

/** The dashboard's alerts firing now (Prometheus's ALERTS series); a click on a row opens its runbook. */
export function firingAlertsPanel(alerts: AlertRule[], runbookFolderUrl: string): Builder<Panel> {
  const names = alerts.map((rule) => rule.alert).join("|");
  return new TablePanel()
    .title("Firing alerts")
    .description("Alerts of this dashboard firing now. Click a row to open the alert's runbook.")
    .datasource(PROMETHEUS)
    .withTarget(
      new DataqueryBuilder()
        .datasource(PROMETHEUS)
        .refId("A")
        .expr(`ALERTS{alertstate="firing", alertname=~"${names}"}`)
        .format(PromQueryFormat.Table)
        .instant(),
    )
    .dataLinks([
      new DashboardLinkBuilder("Runbook").url(`${runbookFolderUrl}\${__data.fields.alertname}.md`).targetBlank(true),
    ])
    .noValue("No alert firing")
    .span(12)
    .height(8);
}
