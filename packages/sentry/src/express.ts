import type { IncomingMessage, ServerResponse } from "node:http";
import type { SentryHandle } from "./init-sentry.js";
import { mountPrefixOf, requestDataOf, requestIdOf } from "./request-data.js";
import { type ExpressAppLike, RouteTemplates, type TrackedRequest, UNMATCHED_ROUTE } from "./route-template.js";

export { UNMATCHED_ROUTE } from "./route-template.js";

export interface SentryErrorHandlerOptions {
  /** Header carrying the request id, on the response (set by @periscope/logging) or the request. Default "x-request-id". */
  requestIdHeader?: string;
}

type Request = IncomingMessage &
  TrackedRequest & { app?: ExpressAppLike; originalUrl?: string; protocol?: string; body?: unknown };
type Next = (error?: unknown) => void;

/**
 * An Express error handler: captures the error (5xx-class by default, see `ignoreStatusBelow`) with the route
 * template, method and request id as tags, the request (scrubbed) and the active trace, then calls
 * `next(error)` so the app's own error handler answers. Install it after the routes, before your handler.
 * With a disabled handle (no DSN) it only calls `next(error)`.
 */
export function sentryErrorHandler(sentry: SentryHandle, options: SentryErrorHandlerOptions = {}) {
  if (!sentry || typeof sentry.captureException !== "function") {
    throw new TypeError("@periscope/sentry: sentryErrorHandler(sentry) takes the handle initSentry() returned.");
  }
  if (!sentry.enabled) {
    return function periscopeSentryErrorHandler(
      error: unknown,
      _request: IncomingMessage,
      _response: ServerResponse,
      next: Next,
    ): void {
      next(error);
    };
  }
  const header = (options.requestIdHeader ?? "x-request-id").toLowerCase();
  const routes = new RouteTemplates();
  return function periscopeSentryErrorHandler(
    error: unknown,
    incoming: IncomingMessage,
    response: ServerResponse,
    next: Next,
  ): void {
    const request = incoming as Request;
    try {
      if (!sentry.isIgnored(error)) {
        sentry.captureException(error, {
          route: routeOf(routes, request),
          method: request.method,
          requestId: requestIdOf(request, response, header),
          request: requestDataOf(request),
        });
      }
      // Later requests record the mount paths of the routers they enter.
      if (request.app) routes.instrumentApp(request.app);
    } catch {
      // Reporting must never change the response.
    }
    next(error);
  };
}

function routeOf(routes: RouteTemplates, request: Request): string {
  const template = routes.templateOf(request);
  if (template === UNMATCHED_ROUTE || routes.knowsMountOf(request)) return template;
  // Routers not instrumented yet (the first error): the mount prefix is what the route did not match.
  const prefix = mountPrefixOf(request.originalUrl ?? request.url ?? "/", request.route?.path);
  return prefix === "" ? template : prefix + (template === "/" ? "" : template);
}
