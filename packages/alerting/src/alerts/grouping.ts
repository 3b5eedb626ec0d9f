import type { Alert } from "./alert.js";

export interface AlertGroup<A extends Pick<Alert, "labels"> = Alert> {
  /** Stable over the group labels: `{alertname="X",service="api"}`. */
  key: string;
  labels: Record<string, string>;
  alerts: A[];
}

/** `{a="1",b="2"}` over the sorted names, values quoted like Prometheus. */
export function labelSetKey(labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${parts.join(",")}}`;
}

/**
 * Alerts grouped by the values of `groupBy` labels (a missing label groups as absent), in order of first
 * appearance. `"..."` groups by every label, one group per distinct label set, as in Alertmanager.
 */
export function groupAlerts<A extends Pick<Alert, "labels">>(
  alerts: readonly A[],
  groupBy: readonly string[] | "...",
): AlertGroup<A>[] {
  if (groupBy !== "..." && !Array.isArray(groupBy)) {
    throw new TypeError('groupAlerts(alerts, groupBy): groupBy must be an array of label names or "..."');
  }
  const groups = new Map<string, AlertGroup<A>>();
  for (const alert of alerts) {
    const labels: Record<string, string> = {};
    if (groupBy === "...") Object.assign(labels, alert.labels);
    else {
      for (const name of groupBy) {
        const value = alert.labels[name];
        if (value !== undefined && value !== "") labels[name] = value;
      }
    }
    const key = labelSetKey(labels);
    let group = groups.get(key);
    if (!group) {
      group = { key, labels, alerts: [] };
      groups.set(key, group);
    }
    group.alerts.push(alert);
  }
  return [...groups.values()];
}
