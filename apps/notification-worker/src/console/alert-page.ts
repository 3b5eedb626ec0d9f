import type { EscalationPolicy } from "@periscope/alerting/channels";
import type { StoredAlert } from "../alerts-repository.js";
import type { Delivery } from "../deliveries-repository.js";
import type { TimelineEvent } from "../timeline-repository.js";
import type { ConsoleSession } from "./console-auth.js";
import { escalationView, formatDuration } from "./console-model.js";
import { html, type SafeHtml, safeUrl } from "./html.js";
import { type SilencePreview, silenceForm } from "./silence-form.js";
import { describeEvent } from "./timeline-text.js";

export interface AlertView {
  stored: StoredAlert;
  deliveries: Delivery[];
  timeline: TimelineEvent[];
  policies: ReadonlyMap<string, EscalationPolicy>;
  session: ConsoleSession | undefined;
  canLogIn: boolean;
  preview: SilencePreview;
  now: Date;
}

const pairs = (record: Record<string, string>, linkify = false) => {
  const entries = Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return html`<p class="empty">None.</p>`;
  return html`<dl class="pairs">${entries.map(([name, value]) => {
    const url = linkify ? safeUrl(value) : undefined;
    return html`<div><dt>${name}</dt><dd>${url ? html`<a href="${url}" rel="noopener noreferrer">${value}</a>` : value}</dd></div>`;
  })}</dl>`;
};

export function alertBody(view: AlertView): SafeHtml {
  const { stored, now } = view;
  const { alert } = stored;
  const escalation = escalationView(stored, view.policies, now);
  return html`<p><a href="/">← All alerts</a></p>
<h1 id="alert-header" data-live>${alert.labels.alertname} <span class="badge state-${alert.state}" id="alert-state">${alert.state}</span></h1>
<p class="summary">${alert.annotations.summary ?? ""}</p>
<dl class="facts" id="alert-facts" data-live>
  <div><dt>Severity</dt><dd>${alert.labels.severity ?? "—"}</dd></div>
  <div><dt>Service</dt><dd>${alert.labels.service ?? "—"}</dd></div>
  <div><dt>Started</dt><dd><time datetime="${alert.startsAt}">${alert.startsAt}</time> (${formatDuration(now.getTime() - Date.parse(alert.startsAt))} ago)</dd></div>
  <div><dt>Escalation</dt><dd id="alert-escalation">${escalation ? `${escalation.policy}: ${escalation.text}` : "none"}</dd></div>
  ${alert.acknowledgedAt ? html`<div><dt>Acknowledged</dt><dd>${alert.acknowledgedAt} by ${alert.acknowledgedBy ?? "someone"}</dd></div>` : ""}
  ${alert.silencedUntil ? html`<div><dt>Silenced until</dt><dd>${alert.silencedUntil}</dd></div>` : ""}
  ${stored.inhibitedBy ? html`<div><dt>Inhibited by</dt><dd><a href="/console/alerts/${stored.inhibitedBy}">${stored.inhibitedBy}</a></dd></div>` : ""}
  <div><dt>Fingerprint</dt><dd><code>${alert.fingerprint}</code></dd></div>
</dl>
${actions(view)}
<h2>Labels</h2>
${pairs(alert.labels)}
<h2>Annotations</h2>
${pairs({ ...alert.annotations, ...(alert.generatorURL ? { source: alert.generatorURL } : {}) }, true)}
<h2>Deliveries</h2>
${deliveriesTable(view)}
<h2>Timeline</h2>
${timelineList(view.timeline)}`;
}

function actions(view: AlertView): SafeHtml {
  const { stored, session } = view;
  const { alert } = stored;
  if (!session) {
    const next = encodeURIComponent(`/console/alerts/${alert.fingerprint}`);
    return view.canLogIn
      ? html`<p class="hint"><a href="/console/login?next=${next}">Log in</a> to acknowledge, silence or retry.</p>`
      : html`<p class="hint">Actions are disabled: no WORKER_API_TOKEN is set and this client is not on this machine.</p>`;
  }
  const canAck = alert.state === "firing" || alert.state === "silenced";
  const ack = canAck
    ? html`<form method="post" action="/console/alerts/${alert.fingerprint}/ack" class="inline">
  <input type="hidden" name="csrf" value="${session.csrf}">
  <button type="submit" id="ack-button">Acknowledge</button>
</form>`
    : "";
  return html`<section class="actions" aria-label="Actions">${ack}
${alert.state === "resolved" ? "" : silenceForm(alert, session, view.preview)}</section>`;
}

function deliveriesTable(view: AlertView): SafeHtml {
  if (view.deliveries.length === 0)
    return html`<p class="empty" id="alert-deliveries" data-live>No notifications queued.</p>`;
  const rows = view.deliveries.map((delivery) => {
    const retry =
      delivery.state === "dead" && view.session
        ? html`<form method="post" action="/console/deliveries/${delivery.id}/retry" class="inline">
  <input type="hidden" name="csrf" value="${view.session.csrf}">
  <button type="submit">Retry</button></form>`
        : "";
    return html`<tr data-state="${delivery.state}">
  <td data-label="Receiver">${delivery.receiver}</td>
  <td data-label="Status">${delivery.status}</td>
  <td data-label="State"><span class="badge delivery-${delivery.state}">${delivery.state}</span></td>
  <td data-label="Attempts">${delivery.attempts}</td>
  <td data-label="Last error">${delivery.lastError ?? "—"}</td>
  <td data-label="Action">${retry}</td>
</tr>`;
  });
  return html`<div class="table-wrap" id="alert-deliveries" data-live><table class="deliveries">
<caption class="visually-hidden">Notifications of this alert</caption>
<thead><tr><th scope="col">Receiver</th><th scope="col">Status</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function timelineList(events: TimelineEvent[]): SafeHtml {
  if (events.length === 0) return html`<p class="empty" id="alert-timeline" data-live>Nothing recorded yet.</p>`;
  return html`<ol class="timeline" id="alert-timeline" data-live>${events.map(
    (event) =>
      html`<li data-kind="${event.kind}"><time datetime="${event.at}">${event.at.replace("T", " ").slice(0, 19)}</time> ${describeEvent(event)}</li>`,
  )}</ol>`;
}
