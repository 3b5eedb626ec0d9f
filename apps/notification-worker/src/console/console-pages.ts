import type { AlertState } from "@periscope/alerting/channels";
import type { Request, Response } from "express";
import { previewSilence } from "../silence-preview.js";
import { type AlertView, alertBody } from "./alert-page.js";
import type { ConsoleContext } from "./console-context.js";
import { groupForConsole, labelValues, matchesFilters, parseFilters } from "./console-model.js";
import { html, type SafeHtml } from "./html.js";
import { layout, notice } from "./layout.js";
import { alertList, type ListView, listBody } from "./list-page.js";
import { localPath, loginBody } from "./login-page.js";
import { defaultMatchers, SILENCE_DURATIONS } from "./silence-form.js";

/** Fixed texts for `?done=`: the page never echoes what the request says. */
const DONE: Record<string, string> = {
  ack: "Acknowledged: escalation stopped.",
  silence: "Silence created.",
  retry: "Dead letter queued again.",
  login: "Logged in.",
};

export function sendPage(response: Response, status: number, page: SafeHtml): void {
  response.status(status).type("html").send(page.value);
}

function listView(context: ConsoleContext, request: Request): ListView {
  const filters = parseFilters(request.query as Record<string, unknown>);
  const all = context.alerts.list();
  const counts: Record<AlertState, number> = { firing: 0, acknowledged: 0, silenced: 0, resolved: 0 };
  for (const { alert } of all) counts[alert.state]++;
  const shown = all.filter((stored) => matchesFilters(stored, filters));
  return {
    groups: groupForConsole(shown, context.router),
    filters,
    counts,
    severities: labelValues(all, "severity"),
    services: labelValues(all, "service"),
    policies: context.policies,
    now: new Date(),
  };
}

const queryOf = (request: Request) => {
  const filters = parseFilters(request.query as Record<string, unknown>);
  const entries = Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return new URLSearchParams(entries).toString();
};

export function renderList(context: ConsoleContext, request: Request, response: Response): void {
  const session = context.auth.session(request);
  const body = html`${notice(DONE[String(request.query.done)])}${listBody(listView(context, request), queryOf(request))}`;
  sendPage(response, 200, layout({ title: "Alerts", session, path: request.originalUrl, body }));
}

export function renderListFragment(context: ConsoleContext, request: Request, response: Response): void {
  sendPage(response, 200, alertList(listView(context, request)));
}

export interface AlertPageExtras {
  status?: number;
  error?: string;
  matchers?: string[];
  minutes?: number;
}

export function renderAlert(
  context: ConsoleContext,
  request: Request,
  response: Response,
  fingerprint: string,
  extras: AlertPageExtras = {},
): void {
  const session = context.auth.session(request);
  const stored = context.alerts.get(fingerprint);
  if (!stored) {
    const body = html`<h1>Alert not found</h1><p>No alert has the fingerprint <code>${fingerprint}</code>.</p><p><a href="/">All alerts</a></p>`;
    sendPage(response, 404, layout({ title: "Not found", session, path: "/", body }));
    return;
  }
  const matchers = extras.matchers ?? defaultMatchers(stored.alert);
  const preview = previewSilence(matchers, context.alerts.active());
  const view: AlertView = {
    stored,
    deliveries: context.deliveries.list({ fingerprint, limit: 200 }),
    timeline: context.timeline.list(fingerprint),
    policies: context.policies,
    session,
    canLogIn: context.auth.canLogIn(request),
    preview: {
      matchers,
      minutes: extras.minutes ?? SILENCE_DURATIONS[1]?.minutes ?? 60,
      result: preview.ok ? { ok: true, alerts: preview.alerts.map((entry) => entry.alert) } : preview,
    },
    now: new Date(),
  };
  const done = extras.error ? notice(extras.error, "error") : notice(DONE[String(request.query.done)]);
  const body = html`${done}${alertBody(view)}`;
  const title = stored.alert.labels.alertname ?? "Alert";
  sendPage(response, extras.status ?? 200, layout({ title, session, path: `/console/alerts/${fingerprint}`, body }));
}

export function renderLogin(
  context: ConsoleContext,
  request: Request,
  response: Response,
  extras: { status?: number; error?: string; next?: unknown } = {},
): void {
  const body = loginBody({
    mode: context.auth.mode,
    canLogIn: context.auth.canLogIn(request),
    next: localPath(extras.next ?? request.query.next),
    error: extras.error,
  });
  const session = context.auth.session(request);
  sendPage(response, extras.status ?? 200, layout({ title: "Log in", session, path: "/", body }));
}
