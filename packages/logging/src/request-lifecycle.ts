import { subscribe } from "node:diagnostics_channel";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

// Identical copies live in @periscope/metrics, logging and tracing (packages do not import each other's
// internals); each copy keeps its own state, so each package claims requests on its own. Keep them in step.

/**
 * Follows requests of Node's HTTP servers from their start to their end through Node's diagnostics
 * channels, with the state kept on the socket. Express swaps the prototype of every request and response,
 * after which each property read on them misses V8's caches (a few thousand instructions a lookup); what
 * is read here is read before that, and a socket keeps one hidden class. A middleware claims the request
 * it is given and is called back once when the response finishes or the connection closes first.
 */
export interface ObservedRequest<T = unknown> {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly method: string;
  /** The request target as received (path and query), before any router rewrote `request.url`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** `performance.now()` when Node had parsed the request's headers. */
  readonly started: number;
  /**
   * Set by the middleware that claims the request (undefined while unclaimed), called once: when the
   * response finishes, or when the connection closes first (`aborted` unless the response had ended).
   */
  onEnd: ((observed: ObservedRequest<T>, aborted: boolean) => void) | undefined;
  /** The claiming middleware's own per-request state. */
  data: T | undefined;
  /** An older request of the same connection still unanswered (HTTP/1.1 pipelining). */
  older: ObservedRequest<T> | undefined;
}

interface ObservedSocket {
  [newest]?: ObservedRequest;
  [watched]?: true;
  once(event: "close", listener: () => void): unknown;
}

interface StartMessage {
  request: IncomingMessage;
  response: ServerResponse;
  socket: ObservedSocket;
}

const newest = Symbol("periscope.requestLifecycle.newest");
const watched = Symbol("periscope.requestLifecycle.watched");

/** The request whose start was published last: the one an Express app dispatches synchronously after it. */
let dispatching: ObservedRequest | undefined;
let subscribed = false;

function onStart({ request, response, socket }: StartMessage): void {
  const observed: ObservedRequest = {
    request,
    response,
    method: request.method ?? "GET",
    url: request.url ?? "/",
    headers: request.headers,
    started: performance.now(),
    onEnd: undefined,
    data: undefined,
    older: socket[newest],
  };
  socket[newest] = observed;
  dispatching = observed;
  if (socket[watched] !== true) {
    socket[watched] = true;
    socket.once("close", function abortUnanswered(this: ObservedSocket) {
      let pending = this[newest];
      this[newest] = undefined;
      while (pending !== undefined) {
        end(pending, pending.response.writableEnded !== true);
        pending = pending.older;
      }
    });
  }
}

function onFinish({ request, socket }: StartMessage): void {
  let later: ObservedRequest | undefined;
  let observed = socket[newest];
  while (observed !== undefined && observed.request !== request) {
    later = observed;
    observed = observed.older;
  }
  if (observed === undefined) return;
  if (later === undefined) socket[newest] = observed.older;
  else later.older = observed.older;
  end(observed, false);
}

function end(observed: ObservedRequest, aborted: boolean): void {
  if (dispatching === observed) dispatching = undefined;
  const onEnd = observed.onEnd;
  if (onEnd === undefined) return;
  observed.onEnd = undefined;
  try {
    onEnd(observed, aborted);
  } catch (error) {
    // Callers catch their own errors; this keeps a bug in one from stopping Node's http code or the loop above.
    process.emitWarning(`a request's end could not be recorded: ${String(error)}`, "PeriscopeWarning");
  }
}

/** Starts following requests; call it when a middleware is made, before its server takes requests. */
export function followRequests(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe("http.server.request.start", onStart as (message: unknown) => void);
  subscribe("http.server.response.finish", onFinish as (message: unknown) => void);
}

/**
 * The record of `request`, claimed or not, or undefined when its response was over (ended, or its client
 * gone) before the middleware reached it. A request that no Node HTTP server announced (HTTP/2's
 * compatibility API, objects made by hand, a server started before followRequests) gets its record here,
 * ended by the response's `close` event and shared by every middleware that asks.
 */
export function observedRequest<T>(request: IncomingMessage, response: ServerResponse): ObservedRequest<T> | undefined {
  const current = dispatching;
  if (current !== undefined && current.request === request) return current as ObservedRequest<T>;
  // Dispatched later (an asynchronous middleware ran first): one lookup on the request finds its socket.
  let observed = socketOf(request)?.[newest];
  while (observed !== undefined && observed.request !== request) observed = observed.older;
  return (observed ?? unannouncedRequest(request, response)) as ObservedRequest<T> | undefined;
}

const unannounced = new WeakMap<IncomingMessage, ObservedRequest>();

function unannouncedRequest(request: IncomingMessage, response: ServerResponse): ObservedRequest | undefined {
  const known = unannounced.get(request);
  if (known !== undefined) return known;
  if (response.writableEnded === true || response.destroyed === true) return undefined;
  const observed: ObservedRequest = {
    request,
    response,
    method: request.method ?? "GET",
    url: (request as { originalUrl?: string }).originalUrl ?? request.url ?? "/",
    headers: request.headers,
    started: performance.now(),
    onEnd: undefined,
    data: undefined,
    older: undefined,
  };
  unannounced.set(request, observed);
  // Ended means answered, as pino-http and on-finished read it.
  response.once("close", () => end(observed, response.writableEnded !== true));
  return observed;
}

function socketOf(request: IncomingMessage): ObservedSocket | undefined {
  try {
    return (request.socket ?? undefined) as ObservedSocket | undefined;
  } catch {
    // HTTP/2's compatibility request hands out a proxy of its session's socket, which throws once unbound.
    return undefined;
  }
}
