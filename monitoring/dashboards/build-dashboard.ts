import type { Builder, Dataquery } from "@grafana/grafana-foundation-sdk/cog";
import {
  AnnotationQueryBuilder,
  type Dashboard,
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  type Panel,
  QueryVariableBuilder,
  RowBuilder,
  type VariableModel,
  VariableRefresh,
  VariableSort,
} from "@grafana/grafana-foundation-sdk/dashboard";
import type { AlertRule } from "./alert-rules.js";
import { GRAFANA_ANNOTATIONS, PROMETHEUS } from "./datasources.js";
import { DEFAULT_METRICS, PROMETHEUS_SERIES } from "./default-metrics.js";
import { firingAlertsPanel, runbooksPanel } from "./panels.js";
import { SCOPE, type SeriesSource } from "./promql.js";

export interface DashboardSection {
  title: string;
  panels: Builder<Panel>[];
}

/** A template variable over one label of one metric (the `client` or `vendor` of a kit, say). */
export interface LabelVariable {
  name: string;
  label: string;
  metric: SeriesSource;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  /** Alert names of monitoring/prometheus/rules shown with their runbooks; each must exist. */
  alerts: string[];
  variables?: LabelVariable[];
  sections: DashboardSection[];
}

export interface DashboardContext {
  alerts: Map<string, AlertRule>;
  runbookFolderUrl: string;
}

export const DASHBOARD_TAG = "periscope";

function labelVariable(name: string, label: string, query: string): Builder<VariableModel> {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue(".*")
    .current({ selected: true, text: "All", value: "$__all" });
}

function variables(extra: LabelVariable[]): Builder<VariableModel>[] {
  const up = PROMETHEUS_SERIES.up.name;
  return [
    new DatasourceVariableBuilder("datasource")
      .label("Data source")
      .type("prometheus")
      .current({ selected: true, text: "Prometheus", value: "prometheus" }),
    labelVariable("job", "Job", `label_values(${up}, job)`),
    labelVariable("instance", "Instance", `label_values(${up}{job=~"$job"}, instance)`),
    labelVariable("environment", "Environment", `label_values(${up}{job=~"$job"}, environment)`),
    ...extra.map((variable) =>
      labelVariable(variable.name, variable.label, `label_values(${variable.metric.name}{${SCOPE}}, ${variable.name})`),
    ),
  ];
}

// Grafana's own annotation query (type "tags") has no builder in the SDK, which types targets as data queries.
const deployTagsTarget: Builder<Dataquery> = {
  build: () => ({ type: "tags", tags: ["deploy"], matchAny: true, limit: 100, _implementsDataqueryVariant() {} }),
};

function annotations() {
  return [
    new AnnotationQueryBuilder()
      .name("Alerts")
      .datasource(PROMETHEUS)
      .enable(true)
      .iconColor("red")
      .expr(`${PROMETHEUS_SERIES.alerts.name}{alertstate="firing"}`)
      .step("60s")
      .titleFormat("{{alertname}}")
      .textFormat("{{severity}} alert for {{service}}")
      .tagKeys("alertname,severity,service"),
    // A restart of the process: every deployment shows as one.
    new AnnotationQueryBuilder()
      .name("Restarts and deployments")
      .datasource(PROMETHEUS)
      .enable(true)
      .iconColor("blue")
      .expr(`changes(${DEFAULT_METRICS.startTime.name}{${SCOPE}}[2m]) > 0`)
      .step("60s")
      .titleFormat("{{job}} restarted")
      .textFormat("{{instance}}")
      .tagKeys("job,instance"),
    // Deployments your CI posts to Grafana's annotation API with the tag "deploy".
    new AnnotationQueryBuilder()
      .name("Deployments (Grafana annotations tagged deploy)")
      .datasource(GRAFANA_ANNOTATIONS)
      .enable(true)
      .iconColor("purple")
      .target(deployTagsTarget),
  ];
}

/** A Periscope dashboard: shared variables, annotations, links and refresh, then the sections, then the alerts. */
export function buildDashboard(spec: DashboardSpec, context: DashboardContext): Dashboard {
  const alerts = spec.alerts.map((name) => {
    const rule = context.alerts.get(name);
    if (!rule) throw new Error(`dashboard ${spec.uid}: no alert named ${name} in monitoring/prometheus/rules`);
    return rule;
  });
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([DASHBOARD_TAG])
    .editable()
    .refresh("30s")
    .time({ from: "now-1h", to: "now" })
    .timezone("browser")
    .variables(variables(spec.variables ?? []))
    .annotations(annotations())
    .link(
      new DashboardLinkBuilder("Periscope dashboards")
        .type(DashboardLinkType.Dashboards)
        .tags([DASHBOARD_TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    );
  for (const section of spec.sections) {
    builder.withRow(new RowBuilder(section.title));
    for (const panel of section.panels) builder.withPanel(panel);
  }
  if (alerts.length > 0) {
    builder.withRow(new RowBuilder("Alerts"));
    builder.withPanel(firingAlertsPanel(alerts, context.runbookFolderUrl));
    builder.withPanel(runbooksPanel(alerts));
  }
  return numberPanels(builder.build());
}

/** Stable panel ids (Grafana would assign them on load, making the committed JSON drift). */
function numberPanels(dashboard: Dashboard): Dashboard {
  let id = 1;
  for (const panel of dashboard.panels ?? []) panel.id = id++;
  return dashboard;
}
