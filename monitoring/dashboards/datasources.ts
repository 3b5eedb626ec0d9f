import type { DataSourceRef } from "@grafana/grafana-foundation-sdk/common";

/** Every panel queries the Prometheus chosen in the `datasource` variable, so the JSON imports anywhere. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana variable reference, not a JS template.
export const PROMETHEUS: DataSourceRef = { type: "prometheus", uid: "${datasource}" };
/** The UIDs fixed by grafana/provisioning/datasources/datasources.yml. */
export const PROVISIONED_UIDS = { prometheus: "prometheus", traces: "jaeger", logs: "loki" } as const;
export const GRAFANA_ANNOTATIONS: DataSourceRef = { type: "grafana", uid: "-- Grafana --" };
