import { createHash } from "node:crypto";
import express, { type NextFunction, type Request, type Response } from "express";
import { CONSOLE_CSS, CONSOLE_ICON, CONSOLE_JS } from "./assets.js";
import { acknowledge, logIn, logOut, retryDeadLetter, silence } from "./console-actions.js";
import type { ConsoleContext } from "./console-context.js";
import { renderAlert, renderList, renderListFragment, renderLogin } from "./console-pages.js";

/** No inline script, no other origin: alert text that slipped through escaping still could not run. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

function securityHeaders(_request: Request, response: Response, next: NextFunction) {
  response.set({
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    // Not no-referrer: with it Chromium sends `Origin: null` on form posts, and the origin check needs the origin.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
  });
  next();
}

function asset(body: string, type: string) {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
  return (request: Request, response: Response) => {
    response.set({ "Content-Type": type, ETag: etag, "Cache-Control": "no-cache" });
    if (request.get("if-none-match") === etag) return response.status(304).end();
    response.send(body);
  };
}

/** The on-call console: `/` and `/console/*` on the worker's own port. */
export function consoleRouter(context: ConsoleContext): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: "32kb", parameterLimit: 50 });
  router.use((request, response, next) => {
    if (request.path === "/" || request.path.startsWith("/console")) return securityHeaders(request, response, next);
    next();
  });
  router.get("/", (request, response) => renderList(context, request, response));
  router.get("/console", (_request, response) => response.redirect(302, "/"));
  router.get("/console/list", (request, response) => renderListFragment(context, request, response));
  router.get("/console/alerts/:fingerprint", (request, response) =>
    renderAlert(context, request, response, String(request.params.fingerprint)),
  );
  router.get("/console/events", (_request, response) => context.feed.subscribe(response));
  router.get("/console/assets/console.css", asset(CONSOLE_CSS, "text/css; charset=utf-8"));
  router.get("/console/assets/console.js", asset(CONSOLE_JS, "text/javascript; charset=utf-8"));
  router.get("/console/assets/icon.svg", asset(CONSOLE_ICON, "image/svg+xml"));
  router.get("/favicon.ico", (_request, response) => response.redirect(301, "/console/assets/icon.svg"));
  router.get("/console/login", (request, response) => renderLogin(context, request, response));
  router.post("/console/login", form, logIn(context));
  router.post("/console/logout", form, logOut(context));
  router.post("/console/alerts/:fingerprint/ack", form, acknowledge(context));
  router.post("/console/silences", form, silence(context));
  router.post("/console/deliveries/:id/retry", form, retryDeadLetter(context));
  return router;
}
