import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestEventData } from "@sentry/node";

type ExpressRequest = IncomingMessage & {
  originalUrl?: string;
  protocol?: string;
  body?: unknown;
  route?: { path?: unknown };
};

const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The request id @periscope/logging put on the response, else the incoming header; only well-formed ids. */
export function requestIdOf(
  request: IncomingMessage,
  response: ServerResponse,
  header = "x-request-id",
): string | undefined {
  const candidates = [safeHeader(() => response.getHeader(header)), request.headers[header]];
  for (const value of candidates) {
    if (typeof value === "string" && WELL_FORMED_REQUEST_ID.test(value)) return value;
  }
  return undefined;
}

/** Sentry's request data from an Express request: url, method, query string, headers, cookie names, body. */
export function requestDataOf(request: ExpressRequest): RequestEventData {
  const path = request.originalUrl ?? request.url ?? "/";
  const queryAt = path.indexOf("?");
  const host = typeof request.headers.host === "string" ? request.headers.host : "localhost";
  const protocol = request.protocol ?? "http";
  const { cookie, ...headers } = request.headers;
  const data: RequestEventData = {
    method: request.method,
    url: `${protocol}://${host}${queryAt === -1 ? path : path.slice(0, queryAt)}`,
    headers: stringHeaders(headers),
  };
  if (queryAt !== -1) data.query_string = path.slice(queryAt + 1);
  if (typeof cookie === "string") data.cookies = cookieNames(cookie);
  if (request.body !== undefined && !isEmptyObject(request.body)) data.data = request.body;
  return data;
}

/** The path of the URL without its mount prefix' parameters: `/a/b/c` less the route's segment count. */
export function mountPrefixOf(path: string, routePath: unknown): string {
  if (typeof routePath !== "string" || /[*(?]/.test(routePath)) return "";
  const pathSegments = path.split("?")[0]?.split("/").filter(Boolean) ?? [];
  const routeSegments = routePath.split("/").filter(Boolean);
  const prefix = pathSegments.slice(0, Math.max(0, pathSegments.length - routeSegments.length));
  return prefix.length === 0 ? "" : `/${prefix.join("/")}`;
}

function cookieNames(cookie: string): Record<string, string> {
  const names: Record<string, string> = {};
  for (const part of cookie.split(";")) {
    const name = part.split("=")[0]?.trim();
    if (name) names[name] = "";
  }
  return names;
}

function stringHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function safeHeader(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return undefined;
  }
}
