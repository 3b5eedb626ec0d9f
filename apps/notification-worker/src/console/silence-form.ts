import type { Alert } from "@periscope/alerting/channels";
import type { ConsoleSession } from "./console-auth.js";
import { html, type SafeHtml } from "./html.js";

export const SILENCE_DURATIONS: readonly { minutes: number; label: string }[] = [
  { minutes: 15, label: "15 minutes" },
  { minutes: 60, label: "1 hour" },
  { minutes: 120, label: "2 hours" },
  { minutes: 240, label: "4 hours" },
  { minutes: 480, label: "8 hours" },
  { minutes: 1440, label: "1 day" },
  { minutes: 10_080, label: "7 days" },
];

export interface SilencePreview {
  matchers: string[];
  minutes: number;
  /** The alerts the matchers would mute now, or why the matchers are not valid. */
  result: { ok: true; alerts: Alert[] } | { ok: false; error: string };
}

/** The matchers a silence for this alert starts from: its alertname and service. */
export function defaultMatchers(alert: Alert): string[] {
  return ["alertname", "service"]
    .filter((name) => alert.labels[name] !== undefined)
    .map((name) => `${name}=${JSON.stringify(alert.labels[name])}`);
}

export function previewList(preview: SilencePreview["result"]): SafeHtml {
  if (!preview.ok) return html`<p class="notice notice-error">${preview.error}</p>`;
  if (preview.alerts.length === 0) return html`<p>These matchers mute no alert that is active now.</p>`;
  const count = preview.alerts.length === 1 ? "1 active alert" : `${preview.alerts.length} active alerts`;
  return html`<p>Would mute ${count}:</p><ul>${preview.alerts.map(
    (alert) =>
      html`<li><a href="/console/alerts/${alert.fingerprint}">${alert.labels.alertname}</a> ${Object.entries(
        alert.labels,
      )
        .filter(([name]) => name !== "alertname")
        .map(([name, value]) => html`<code>${name}="${value}"</code> `)}</li>`,
  )}</ul>`;
}

export function silenceForm(alert: Alert, session: ConsoleSession, preview: SilencePreview): SafeHtml {
  const durations = SILENCE_DURATIONS.map(
    ({ minutes, label }) =>
      html`<option value="${minutes}"${minutes === preview.minutes ? html` selected` : ""}>${label}</option>`,
  );
  return html`<form method="post" action="/console/silences" class="silence" id="silence" aria-labelledby="silence-title">
  <h2 id="silence-title">Silence</h2>
  <input type="hidden" name="csrf" value="${session.csrf}">
  <input type="hidden" name="fingerprint" value="${alert.fingerprint}">
  <div class="field">
    <label for="silence-matchers">Matchers, one per line</label>
    <textarea id="silence-matchers" name="matchers" rows="3" aria-describedby="silence-matchers-help">${preview.matchers.join("\n")}</textarea>
    <p id="silence-matchers-help" class="hint">name="value", name!="value", name=~"regex" or name!~"regex"; all must match.</p>
  </div>
  <div class="field">
    <label for="silence-duration">For</label>
    <select id="silence-duration" name="minutes">${durations}</select>
  </div>
  <div class="field">
    <label for="silence-comment">Comment</label>
    <input id="silence-comment" name="comment" required maxlength="2000" value="">
  </div>
  <div id="silence-preview" class="preview" aria-live="polite">${previewList(preview.result)}</div>
  <div class="buttons">
    <button type="button" id="silence-preview-button" hidden>Preview</button>
    <button type="submit">Silence</button>
  </div>
</form>`;
}
