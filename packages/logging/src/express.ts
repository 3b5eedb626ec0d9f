import type { IncomingMessage, ServerResponse } from "node:http";
import { rateLimited } from "./error-reporter.js";
import { type ContextFields, LOG_SAFE, type Logger, SANITIZER } from "./logger.js";
import { compilePathExclusion, type PathPattern, pathOf } from "./path-exclusion.js";
import { runWithRequestContext } from "./request-context.js";
import { acceptOrCreateRequestId } from "./request-id.js";
import { followRequests, type ObservedRequest, observedRequest } from "./request-lifecycle.js";
import { responseHeader, setResponseHeader } from "./response-headers.js";
import { type ExpressAppLike, RouteTemplates, type TrackedRequest } from "./route-template.js";
import type { JsonObject } from "./sanitize.js";

export type { PathPattern } from "./path-exclusion.js";
export { UNMATCHED_ROUTE } from "./route-template.js";

import type { LogLevel } from "./settings.js";

type Next = (error?: unknown) => void;
type Request = IncomingMessage & TrackedRequest & { app?: ExpressAppLike };

export interface RequestContextOptions {
  /** The header read from the request and echoed on the response. Default "x-request-id". */
  header?: string;
  /** Makes a new id when the incoming one is missing or malformed. Default `crypto.randomUUID`. */
  generate?: () => string;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Gives each request a request id: the incoming `x-request-id` when well formed (1 to 128 letters,
 * digits, `.`, `_`, `-`), else a new UUID. Echoes it on the response, and runs the rest of the
 * request in a context where every log call carries it as `request_id`. Install it first.
 */
export function requestContextMiddleware(options: RequestContextOptions = {}) {
  const header = (options.header ?? "x-request-id").toLowerCase();
  if (!HEADER_NAME.test(header)) {
    throw new Error(
      `@periscope/logging: the \`header\` option must be an HTTP header name, got ${JSON.stringify(header)}.`,
    );
  }
  const generate = options.generate;
  followRequests();
  return function periscopeRequestContext(request: IncomingMessage, response: ServerResponse, next: Next): void {
    const headers = (observedRequest(request, response) ?? request).headers;
    const requestId = acceptOrCreateRequestId(headers[header], generate);
    try {
      setResponseHeader(response, header, requestId);
    } catch {
      // Headers already sent, or a generator of yours returned a value that is not a valid header
      // value: the id is still logged.
    }
    runWithRequestContext({ requestId }, next);
  };
}

export interface RequestLogOptions {
  /** Paths not logged. Default `["/metrics", "/health*"]`; a string ending in `*` is a prefix. */
  excludePaths?: readonly PathPattern[];
  /** Called if writing a request's record fails; the request itself is never affected. */
  onError?: (error: unknown) => void;
}

export const DEFAULT_EXCLUDED_PATHS: readonly PathPattern[] = ["/metrics", "/health*"];
export const CLIENT_CLOSED_STATUS = 499;

/** The request log's own fields; if the redaction policy calls one of them sensitive, records take the general path. */
const REQUEST_FIELDS = [
  "request_id",
  "trace_id",
  "span_id",
  "method",
  "route",
  "path",
  "status",
  "duration_ms",
  "bytes",
  "aborted",
];

/**
 * One record per request when its response closes: method, route (the template, nested routers'
 * mount paths included, or "unmatched"), path (redacted), status, duration_ms, bytes (when the
 * response declares its size), plus request_id/trace_id/span_id as they were when the request
 * came in. Level info below 400, warn for 4xx, error for 5xx; a request the client abandoned is
 * logged at warn with status 499 and `aborted: true`. Install it after requestContextMiddleware.
 */
export function requestLogMiddleware(logger: Logger, options: RequestLogOptions = {}) {
  const routes = new RouteTemplates();
  const isExcluded = compilePathExclusion(options.excludePaths ?? DEFAULT_EXCLUDED_PATHS);
  const onError = rateLimited(options.onError);
  const sanitizer = logger[SANITIZER];
  // The fields below are made here (the path redacted), so they skip the record's sanitiser.
  const fieldsAreSafe = !REQUEST_FIELDS.some((name) => sanitizer.key(name) !== name);
  const completed = sanitizer.text("request completed");
  const abandoned = sanitizer.text("request aborted");

  followRequests();

  const writeLine = (observed: ObservedRequest<ContextFields>, aborted: boolean): void => {
    try {
      const { method, response, started } = observed;
      const status = aborted ? CLIENT_CLOSED_STATUS : response.statusCode;
      const fields: JsonObject = {
        method,
        route: routes.templateOf(observed.request as Request),
        path: sanitizer.url(pathOf(observed.url)),
        status,
        duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
      };
      const bytes = aborted ? undefined : responseBytes(method, status, response);
      if (bytes !== undefined) fields.bytes = bytes;
      if (aborted) fields.aborted = true;
      const level = levelOf(status, aborted);
      const message = aborted ? abandoned : completed;
      const context = observed.data ?? {};
      if (fieldsAreSafe) logger[LOG_SAFE](level, message, context, fields);
      else logger.log(level, message, { ...context, ...fields });
    } catch (error) {
      onError(error);
    }
  };

  return function periscopeRequestLog(request: IncomingMessage, response: ServerResponse, next: Next): void {
    const req = request as Request;
    const app = req.app;
    if (app) routes.instrumentApp(app);
    const observed = observedRequest<ContextFields>(req, response);
    // A sub-application's middleware finds the request claimed already: it is logged once.
    if (observed !== undefined && observed.onEnd === undefined && !isExcluded(pathOf(observed.url))) {
      observed.data = logger.contextFields();
      observed.onEnd = writeLine;
    }
    next();
  };
}

function levelOf(status: number, aborted: boolean): LogLevel {
  if (aborted) return "warn";
  return status >= 500 ? "error" : status >= 400 ? "warn" : "info";
}

function responseBytes(method: string, status: number, response: ServerResponse): number | undefined {
  if (method === "HEAD" || status === 204 || status === 304) return 0;
  const declared = Number(responseHeader(response, "content-length"));
  return Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
}
