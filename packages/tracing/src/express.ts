import type { IncomingMessage, ServerResponse } from "node:http";
import { context, propagation, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import { normalizeMethod, requestAttributes } from "./http-attributes.js";
import { compilePathExclusion, DEFAULT_EXCLUDED_PATHS, type PathPattern, pathOf } from "./path-exclusion.js";
import { followRequests, type ObservedRequest, observedRequest } from "./request-lifecycle.js";
import { type ExpressAppLike, RouteTemplates, type TrackedRequest } from "./route-template.js";

export type { PathPattern } from "./path-exclusion.js";
export { DEFAULT_EXCLUDED_PATHS } from "./path-exclusion.js";

export interface TracingMiddlewareOptions {
  /** Paths that get no span at all. Default `["/metrics", "/health*"]`; a string ending in `*` is a prefix. */
  excludePaths?: readonly PathPattern[];
  /** Called if recording a span fails; the request itself is never affected. Default: one process warning. */
  onError?: (error: unknown) => void;
}

type Request = IncomingMessage & TrackedRequest & { app?: ExpressAppLike; ip?: string };
type Next = (error?: unknown) => void;

const serverSpan = { kind: SpanKind.SERVER };

/**
 * A SERVER span per request for Express 4 and 5, named `${method} ${route template}`. It continues the
 * trace of an incoming `traceparent` (a malformed one starts a new trace) and makes the span active for
 * the rest of the request. Install it first, before the routes. `tracing` is the handle of initTracing()
 * (or any `{ tracer }`); without it, the global API tracer is used.
 */
export function tracingMiddleware(tracing?: { tracer: Tracer }, options: TracingMiddlewareOptions = {}) {
  const tracer = tracing?.tracer ?? trace.getTracer("@periscope/tracing");
  const routes = new RouteTemplates();
  const isExcluded = compilePathExclusion(options.excludePaths ?? DEFAULT_EXCLUDED_PATHS);
  const onError = options.onError ?? warnOnce();

  followRequests();
  const finishObserved = (observed: ObservedRequest<Span>, aborted: boolean): void => {
    if (observed.data === undefined) return;
    const method = normalizeMethod(observed.method);
    finish(observed.data, observed.request as Request, observed.response, method, aborted, routes, onError);
  };

  return function periscopeTracing(request: IncomingMessage, response: ServerResponse, next: Next): void {
    const req = request as Request;
    const observed = observedRequest<Span>(req, response);
    if (observed === undefined) {
      next();
      return;
    }
    if (observed.onEnd !== undefined) {
      // A sub-application's own middleware: traced already, but its routers add to the route template.
      const app = req.app;
      if (app) routes.instrumentApp(app);
      next();
      return;
    }
    const path = pathOf(observed.url);
    if (isExcluded(path)) {
      next();
      return;
    }
    const parent = propagation.extract(context.active(), observed.headers);
    const method = normalizeMethod(observed.method);
    const span = tracer.startSpan(method, serverSpan, parent);
    // Claimed even when not sampled, so that a sub-application does not trace it again; only a recorded
    // span has attributes, route-template work and an end. Not sampled: only the context is propagated.
    observed.onEnd = finishObserved;
    if (span.isRecording()) {
      try {
        // Before the router runs, so that the layers this request enters record their mount paths.
        const app = req.app;
        if (app) routes.instrumentApp(app);
        span.setAttributes(requestAttributes(req, observed.headers, method, path));
        observed.data = span;
      } catch (error) {
        onError(error);
      }
    }
    context.with(trace.setSpan(parent, span), next);
  };
}

function finish(
  span: Span,
  request: Request,
  response: ServerResponse,
  method: string,
  aborted: boolean,
  routes: RouteTemplates,
  onError: (error: unknown) => void,
): void {
  try {
    const route = routes.templateOf(request);
    if (route !== undefined) {
      span.updateName(`${method} ${route}`);
      span.setAttribute("http.route", route);
    }
    const status = response.statusCode;
    // A response that finished sent its headers; only an aborted one may not have (a getter far up the chain).
    if (!aborted || response.headersSent) span.setAttribute("http.response.status_code", status);
    if (aborted) {
      span.setAttribute("error.type", "aborted");
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: "the client closed the connection before the response was sent",
      });
    } else if (status >= 500) {
      span.setAttribute("error.type", String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  } catch (error) {
    onError(error);
  }
  span.end();
}

function warnOnce(): (error: unknown) => void {
  let warned = false;
  return (error) => {
    if (warned) return;
    warned = true;
    process.emitWarning(`@periscope/tracing: failed to record an HTTP span: ${String(error)}`, "PeriscopeWarning");
  };
}
