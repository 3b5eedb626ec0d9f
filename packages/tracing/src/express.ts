import type { IncomingMessage, ServerResponse } from "node:http";
import { context, propagation, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import { normalizeMethod, requestAttributes } from "./http-attributes.js";
import { compilePathExclusion, DEFAULT_EXCLUDED_PATHS, type PathPattern, pathOf } from "./path-exclusion.js";
import { type ExpressAppLike, RouteTemplates, type TrackedRequest } from "./route-template.js";

export type { PathPattern } from "./path-exclusion.js";
export { DEFAULT_EXCLUDED_PATHS } from "./path-exclusion.js";

export interface TracingMiddlewareOptions {
  /** Paths that get no span at all. Default `["/metrics", "/health*"]`; a string ending in `*` is a prefix. */
  excludePaths?: readonly PathPattern[];
  /** Called if recording a span fails; the request itself is never affected. Default: one process warning. */
  onError?: (error: unknown) => void;
}

type Request = IncomingMessage & TrackedRequest & { app?: ExpressAppLike; originalUrl?: string; ip?: string };
type Next = (error?: unknown) => void;

/** Requests already traced, so that a sub-application's middleware does not trace them again. */
const traced = new WeakSet<IncomingMessage>();

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

  return function periscopeTracing(request: IncomingMessage, response: ServerResponse, next: Next): void {
    const req = request as Request;
    if (req.app) routes.instrumentApp(req.app);
    const path = pathOf(req.originalUrl ?? req.url);
    if (traced.has(req) || isExcluded(path)) {
      next();
      return;
    }
    traced.add(req);
    const active = context.active();
    const parent = propagation.extract(active, req.headers);
    const method = normalizeMethod(req.method);
    const span = tracer.startSpan(method, { kind: SpanKind.SERVER }, parent);
    // Not sampled: only the context is propagated; no attributes, no listener, nothing to end.
    if (span.isRecording()) {
      try {
        span.setAttributes(requestAttributes(req, method, path));
        response.once("close", () => finish(span, req, response, method, routes, onError));
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
    if (response.headersSent) span.setAttribute("http.response.status_code", status);
    if (!response.writableFinished) {
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
