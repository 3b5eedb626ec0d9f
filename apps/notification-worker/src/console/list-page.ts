import type { AlertState, EscalationPolicy } from "@periscope/alerting/channels";
import type { StoredAlert } from "../alerts-repository.js";
import {
  ALERT_STATES,
  type AlertGroupView,
  type ConsoleFilters,
  escalationView,
  formatDuration,
} from "./console-model.js";
import { html, type SafeHtml, safeUrl } from "./html.js";

export interface ListView {
  groups: AlertGroupView[];
  filters: ConsoleFilters;
  counts: Record<AlertState, number>;
  severities: string[];
  services: string[];
  policies: ReadonlyMap<string, EscalationPolicy>;
  now: Date;
}

const select = (name: string, label: string, values: readonly string[], current: string | undefined) => html`
  <label for="filter-${name}">${label}</label>
  <select id="filter-${name}" name="${name}">
    <option value="">All</option>
    ${values.map((value) => html`<option value="${value}"${current === value ? html` selected` : ""}>${value}</option>`)}
  </select>`;

export function filtersForm(view: ListView): SafeHtml {
  const { filters } = view;
  return html`<form class="filters" method="get" action="/" role="search" aria-label="Filter alerts">
  <div class="field">${select("state", "State", ALERT_STATES, filters.state)}</div>
  <div class="field">${select("severity", "Severity", view.severities, filters.severity)}</div>
  <div class="field">${select("service", "Service", view.services, filters.service)}</div>
  <button type="submit">Apply filters</button>
</form>`;
}

export function listBody(view: ListView, query: string): SafeHtml {
  return html`<h1>Alerts</h1>
${filtersForm(view)}
<p id="live-status" class="live" role="status" aria-live="polite">Live updates start when the page has loaded.</p>
<div id="alert-list" data-src="/console/list${query ? `?${query}` : ""}">${alertList(view)}</div>`;
}

/** The part of the list page the script replaces when the server says something changed. */
export function alertList(view: ListView): SafeHtml {
  const counts = ALERT_STATES.map(
    (state) => html`<li><span class="badge state-${state}">${state}</span> ${view.counts[state]}</li>`,
  );
  const groups =
    view.groups.length === 0
      ? html`<p class="empty">No alerts match these filters.</p>`
      : view.groups.map((group, index) => groupSection(group, index, view));
  return html`<ul class="counts" aria-label="Alerts by state (all alerts)">${counts}</ul>${groups}`;
}

function groupSection(group: AlertGroupView, index: number, view: ListView): SafeHtml {
  const labels = Object.entries(group.labels).map(([name, value]) => html`<code>${name}="${value}"</code> `);
  const count = group.alerts.length === 1 ? "1 alert" : `${group.alerts.length} alerts`;
  return html`<section class="group" aria-labelledby="group-${index}">
  <h2 id="group-${index}">${labels.length > 0 ? labels : "(all)"}<span class="meta">to ${group.receiver} · ${count}</span></h2>
  <ul class="alerts">${group.alerts.map((stored) => alertItem(stored, view))}</ul>
</section>`;
}

function alertItem(stored: StoredAlert, view: ListView): SafeHtml {
  const { alert } = stored;
  const runbook = safeUrl(alert.annotations.runbook_url ?? alert.annotations.runbook);
  const escalation = escalationView(stored, view.policies, view.now);
  const age = formatDuration(view.now.getTime() - Date.parse(alert.startsAt));
  return html`<li class="alert" data-fingerprint="${alert.fingerprint}" data-state="${alert.state}">
  <div class="alert-head">
    <a class="alert-name" href="/console/alerts/${alert.fingerprint}">${alert.labels.alertname}</a>
    <span class="badge state-${alert.state}">${alert.state}</span>
    ${alert.labels.severity ? html`<span class="badge severity">${alert.labels.severity}</span>` : ""}
  </div>
  <p class="summary">${alert.annotations.summary ?? alert.annotations.description ?? ""}</p>
  <dl class="facts">
    <div><dt>Service</dt><dd>${alert.labels.service ?? "—"}</dd></div>
    <div><dt>Age</dt><dd><time datetime="${alert.startsAt}">${age}</time></dd></div>
    <div><dt>Escalation</dt><dd class="escalation">${escalation?.text ?? "none"}</dd></div>
    ${runbook ? html`<div><dt>Runbook</dt><dd><a href="${runbook}" rel="noopener noreferrer">runbook</a></dd></div>` : ""}
  </dl>
</li>`;
}
