import { InvalidTransitionError } from "@periscope/alerting/channels";
import type { Request, Response } from "express";
import { silenceSchema } from "../api-schemas.js";
import { matcherList } from "../silence-preview.js";
import { describeIssues } from "../webhook-schema.js";
import { type ConsoleSession, sameOrigin } from "./console-auth.js";
import type { ConsoleContext } from "./console-context.js";
import { renderAlert, renderLogin, sendPage } from "./console-pages.js";
import { html } from "./html.js";
import { layout } from "./layout.js";
import { localPath } from "./login-page.js";
import { SILENCE_DURATIONS } from "./silence-form.js";

type Body = Record<string, unknown>;
const field = (body: Body, name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");

function refuse(context: ConsoleContext, request: Request, response: Response, status: number, reason: string) {
  const session = context.auth.session(request);
  const body = html`<h1>Not done</h1><p class="notice notice-error" role="alert">${reason}</p>
<p><a href="/console/login">Log in</a> · <a href="/">All alerts</a></p>`;
  sendPage(response, status, layout({ title: "Not done", session, path: "/", body }));
}

/** Runs `act` only for a logged-in, same-origin request that carries its session's CSRF token. */
function guarded(
  context: ConsoleContext,
  act: (request: Request, response: Response, session: ConsoleSession, body: Body) => unknown,
) {
  return async (request: Request, response: Response) => {
    const body = (request.body ?? {}) as Body;
    const check = context.auth.checkAction(request, body.csrf);
    if (!check.ok) return refuse(context, request, response, check.status, check.reason);
    await act(request, response, check.session, body);
  };
}

export function logIn(context: ConsoleContext) {
  return (request: Request, response: Response) => {
    const body = (request.body ?? {}) as Body;
    const next = localPath(body.next);
    if (!sameOrigin(request)) return refuse(context, request, response, 403, "cross-site request refused");
    if (!context.auth.canLogIn(request)) return renderLogin(context, request, response, { status: 403, next });
    const name = field(body, "name").trim().slice(0, 100);
    const id = context.auth.logIn(request, field(body, "token"), name);
    if (id === undefined) {
      context.logger.warn("console: refused a login with a wrong token", { client: request.socket.remoteAddress });
      return renderLogin(context, request, response, { status: 401, error: "That token is not right.", next });
    }
    response.set("Set-Cookie", context.auth.cookie(id, request.secure));
    response.redirect(303, next);
  };
}

export const logOut = (context: ConsoleContext) =>
  guarded(context, (request, response) => {
    context.auth.logOut(request);
    response.set("Set-Cookie", context.auth.clearCookie());
    response.redirect(303, "/");
  });

export const acknowledge = (context: ConsoleContext) =>
  guarded(context, (request, response, session) => {
    const fingerprint = String(request.params.fingerprint);
    try {
      context.engine.acknowledge(fingerprint, session.name, new Date());
    } catch (error) {
      if (error instanceof InvalidTransitionError || (error as { status?: number }).status === 404) {
        const status = error instanceof InvalidTransitionError ? 409 : 404;
        return renderAlert(context, request, response, fingerprint, { status, error: (error as Error).message });
      }
      throw error;
    }
    context.onChange();
    response.redirect(303, `/console/alerts/${encodeURIComponent(fingerprint)}?done=ack`);
  });

export const silence = (context: ConsoleContext) =>
  guarded(context, (request, response, session, body) => {
    const fingerprint = field(body, "fingerprint");
    const matchers = matcherList(body.matchers);
    const minutes = Number(field(body, "minutes"));
    const back = (error: string) =>
      renderAlert(context, request, response, fingerprint, { status: 400, error, matchers, minutes });
    if (!SILENCE_DURATIONS.some((duration) => duration.minutes === minutes)) return back("Choose how long to silence.");
    const now = new Date();
    const input = {
      matchers,
      endsAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
      createdBy: session.name,
      comment: field(body, "comment").trim(),
    };
    const parsed = silenceSchema.safeParse(input);
    if (!parsed.success) return back(`Not silenced: ${describeIssues(parsed.error.issues)}`);
    context.silences.add(parsed.data, now);
    context.engine.tick(now);
    context.onChange();
    const target = context.alerts.get(fingerprint) ? `/console/alerts/${encodeURIComponent(fingerprint)}` : "/";
    response.redirect(303, `${target}?done=silence`);
  });

export const retryDeadLetter = (context: ConsoleContext) =>
  guarded(context, async (request, response, session) => {
    const id = Number(request.params.id);
    const delivery = Number.isInteger(id) ? context.deliveries.get(id) : undefined;
    if (!delivery) return refuse(context, request, response, 404, "No such delivery.");
    const outcome = await context.retryDeadLetter(id, session.name);
    if (!outcome.ok) {
      return renderAlert(context, request, response, delivery.fingerprint, {
        status: outcome.status,
        error: outcome.error,
      });
    }
    response.redirect(303, `/console/alerts/${encodeURIComponent(delivery.fingerprint)}?done=retry`);
  });
