import {
  type AlertState,
  type EscalationPolicy,
  evaluateEscalation,
  groupAlerts,
  type Router,
} from "@periscope/alerting/channels";
import type { StoredAlert } from "../alerts-repository.js";

export const ALERT_STATES: readonly AlertState[] = ["firing", "acknowledged", "silenced", "resolved"];

export interface ConsoleFilters {
  state?: AlertState;
  severity?: string;
  service?: string;
}

export interface EscalationView {
  policy: string;
  /** Steps notified so far, of how many. */
  step: number;
  of: number;
  /** "step 1 of 2, next at …", "stopped (acknowledged)", … */
  text: string;
}

export interface AlertGroupView {
  key: string;
  receiver: string;
  labels: Record<string, string>;
  alerts: StoredAlert[];
}

/** Reads filters from a query string; unknown values are ignored rather than refused (it is a page). */
export function parseFilters(query: Record<string, unknown>): ConsoleFilters {
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value.slice(0, 200) : undefined);
  const state = ALERT_STATES.find((entry) => entry === query.state);
  return { state, severity: text(query.severity), service: text(query.service) };
}

export function matchesFilters(stored: StoredAlert, filters: ConsoleFilters): boolean {
  const { alert } = stored;
  if (filters.state && alert.state !== filters.state) return false;
  if (filters.severity && alert.labels.severity !== filters.severity) return false;
  if (filters.service && alert.labels.service !== filters.service) return false;
  return true;
}

/** Groups as Alertmanager would: by the `groupBy` labels of the route each alert takes. Newest first. */
export function groupForConsole(alerts: StoredAlert[], router: Router): AlertGroupView[] {
  const byStart = [...alerts].sort((a, b) => Date.parse(b.alert.startsAt) - Date.parse(a.alert.startsAt));
  const groups = new Map<string, AlertGroupView>();
  for (const stored of byStart) {
    const route = router.match(stored.alert.labels)[0];
    const receiver = route?.receiver ?? "";
    const [group] = groupAlerts([stored.alert], route?.groupBy ?? ["alertname"]);
    const key = `${receiver}:${group?.key ?? ""}`;
    const found = groups.get(key) ?? { key, receiver, labels: group?.labels ?? {}, alerts: [] };
    found.alerts.push(stored);
    groups.set(key, found);
  }
  return [...groups.values()];
}

export function escalationView(
  stored: StoredAlert,
  policies: ReadonlyMap<string, EscalationPolicy>,
  now: Date,
): EscalationView | undefined {
  const policy = stored.escalation ? policies.get(stored.escalation) : undefined;
  if (!policy) return undefined;
  const of = policy.steps.length;
  const step = Math.min(stored.notifiedSteps, of);
  const base = { policy: policy.name, step, of };
  const where = `step ${step} of ${of}`;
  const { state } = stored.alert;
  if (state === "acknowledged" || state === "resolved") return { ...base, text: `${where}, stopped (${state})` };
  if (state === "silenced") return { ...base, text: `${where}, paused (silenced)` };
  if (stored.inhibitedBy) return { ...base, text: `${where}, paused (inhibited)` };
  const decision = evaluateEscalation(policy, stored.alert, stored.notifiedSteps, now);
  if (!decision.nextAt) return { ...base, text: `${where}, last step reached` };
  return { ...base, text: `${where}, next in ${formatDuration(decision.nextAt.getTime() - now.getTime())}` };
}

/** 45s, 12m, 3h 5m, 2d 4h. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** Distinct values of a label over the alerts, sorted: the options of a filter. */
export function labelValues(alerts: StoredAlert[], name: string): string[] {
  const values = new Set<string>();
  for (const { alert } of alerts) {
    const value = alert.labels[name];
    if (value) values.add(value);
  }
  return [...values].sort();
}
