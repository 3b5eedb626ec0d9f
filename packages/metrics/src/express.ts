import type { IncomingMessage, ServerResponse } from "node:http";
import type { Metrics } from "./create-metrics.js";
import { CLIENT_CLOSED_STATUS, createHttpMetrics } from "./http-metrics.js";
import { compilePathExclusion, DEFAULT_EXCLUDED_PATHS, type PathPattern, pathOf } from "./path-exclusion.js";
import { type ExpressAppLike, RouteTemplates, type TrackedRequest } from "./route-template.js";

export interface MetricsMiddlewareOptions {
  /** Paths not measured. Default `["/metrics", "/health*"]`; a string ending in `*` is a prefix. */
  excludePaths?: readonly PathPattern[];
  /** Called if recording a request fails; the request itself is never affected. Default: one process warning. */
  onError?: (error: unknown) => void;
}

type Request = IncomingMessage & TrackedRequest & { app?: ExpressAppLike };
type Next = (error?: unknown) => void;

/**
 * Marks requests already measured, so that a sub-application's middleware does not count them again.
 * Express gives each response a fresh `locals` dictionary, where a mark is far cheaper than an entry in
 * a WeakSet (which costs the garbage collector too); elsewhere the WeakSet does.
 */
const measuredMark = Symbol("periscope.metrics.measured");
const measured = new WeakSet<IncomingMessage>();

function markMeasured(request: IncomingMessage, response: ServerResponse & { locals?: object }): boolean {
  const locals = response.locals as Record<symbol, true> | undefined;
  if (locals !== undefined && locals !== null) {
    if (locals[measuredMark] === true) return false;
    locals[measuredMark] = true;
    return true;
  }
  if (measured.has(request)) return false;
  measured.add(request);
  return true;
}

/**
 * HTTP RED metrics for Express 4 and 5: `http_requests_total`, `http_request_duration_seconds`,
 * `http_requests_in_progress`, `http_request_size_bytes` and `http_response_size_bytes`, labelled
 * with the route template. Install it before the routes. A sub-application may install it too:
 * each request is still counted once.
 */
export function metricsMiddleware(metrics: Metrics, options: MetricsMiddlewareOptions = {}) {
  const http = createHttpMetrics(metrics);
  const routes = new RouteTemplates();
  const isExcluded = compilePathExclusion(options.excludePaths ?? DEFAULT_EXCLUDED_PATHS);
  const exemplarSource = metrics.exemplars;
  const onError = options.onError ?? warnOnce();

  return function periscopeMetrics(request: IncomingMessage, response: ServerResponse, next: Next): void {
    const req = request as Request;
    if (req.app) routes.instrumentApp(req.app);
    if (isExcluded(pathOf(req.url)) || !markMeasured(req, response)) {
      next();
      return;
    }
    const method = req.method ?? "GET";
    const started = performance.now();
    const exemplar = exemplarSource?.();
    http.started(method);
    response.on("close", () => {
      try {
        // Ended means answered, as pino-http and on-finished read it (and one lookup less than writableFinished).
        const status = response.writableEnded ? response.statusCode : CLIENT_CLOSED_STATUS;
        http.record(
          method,
          routes.templateOf(req),
          status,
          (performance.now() - started) / 1000,
          requestBodySize(req),
          responseBodySize(method, status, response),
          exemplar,
        );
      } catch (error) {
        onError(error);
      }
    });
    next();
  };
}

function warnOnce(): (error: unknown) => void {
  let warned = false;
  return (error) => {
    if (warned) return;
    warned = true;
    process.emitWarning(`@periscope/metrics: failed to record an HTTP request: ${String(error)}`, "PeriscopeWarning");
  };
}

/** The declared body size; requests without a body (most GETs) and chunked ones are not observed. */
function requestBodySize(request: IncomingMessage): number | undefined {
  const declared = request.headers["content-length"];
  return declared === undefined ? undefined : byteCount(declared);
}

function responseBodySize(method: string, status: number | string, response: ServerResponse): number | undefined {
  if (method === "HEAD" || status === 204 || status === 304) return 0;
  const declared = response.getHeader("content-length");
  return declared === undefined ? undefined : byteCount(String(declared));
}

function byteCount(header: string): number | undefined {
  const bytes = Number(header);
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : undefined;
}
