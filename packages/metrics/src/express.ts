import type { IncomingMessage, ServerResponse } from "node:http";
import type { Metrics } from "./create-metrics.js";
import type { ExemplarLabels } from "./exemplars.js";
import { CLIENT_CLOSED_STATUS, createHttpMetrics } from "./http-metrics.js";
import { compilePathExclusion, DEFAULT_EXCLUDED_PATHS, type PathPattern, pathOf } from "./path-exclusion.js";
import { followRequests, type ObservedRequest, observedRequest } from "./request-lifecycle.js";
import { responseHeader } from "./response-headers.js";
import { type ExpressAppLike, RouteTemplates, type TrackedRequest } from "./route-template.js";

export interface MetricsMiddlewareOptions {
  /**
   * Paths not measured, matched against the path the request came with (a mounted router's prefix included).
   * Default `["/metrics", "/health*"]`; a string ending in `*` is a prefix.
   */
  excludePaths?: readonly PathPattern[];
  /** Called if recording a request fails; the request itself is never affected. Default: one process warning. */
  onError?: (error: unknown) => void;
}

type Request = IncomingMessage & TrackedRequest & { app?: ExpressAppLike };
type Next = (error?: unknown) => void;

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
  followRequests();

  const recordEnd = (observed: ObservedRequest<ExemplarLabels>, aborted: boolean): void => {
    try {
      const response = observed.response;
      const status = aborted ? CLIENT_CLOSED_STATUS : response.statusCode;
      http.record(
        observed.method,
        routes.templateOf(observed.request as Request),
        status,
        (performance.now() - observed.started) / 1000,
        byteCount(observed.headers["content-length"]),
        responseBodySize(observed.method, status, response),
        observed.data,
      );
    } catch (error) {
      onError(error);
    }
  };

  return function periscopeMetrics(request: IncomingMessage, response: ServerResponse, next: Next): void {
    const req = request as Request;
    const app = req.app;
    if (app) routes.instrumentApp(app);
    const observed = observedRequest<ExemplarLabels>(req, response);
    // A sub-application's middleware, or this one mounted twice, finds the request claimed already.
    if (observed !== undefined && observed.onEnd === undefined && !isExcluded(pathOf(observed.url))) {
      observed.data = exemplarSource?.();
      observed.onEnd = recordEnd;
      http.started(observed.method);
    }
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

function responseBodySize(method: string, status: number | string, response: ServerResponse): number | undefined {
  if (method === "HEAD" || status === 204 || status === 304) return 0;
  const declared = responseHeader(response, "content-length");
  return declared === undefined ? undefined : byteCount(String(declared));
}

/** The declared body size; requests without a body (most GETs) and chunked ones are not observed. */
function byteCount(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const bytes = Number(header);
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : undefined;
}
