import type { IncomingMessage, ServerResponse } from "node:http";

export type Next = (error?: unknown) => void;
/** A request middleware, `(request, response, next)`; error handlers (four parameters) have no place here. */
export type RequestMiddleware = (request: IncomingMessage, response: ServerResponse, next: Next) => unknown;

type Done = (error?: unknown) => void;

interface RouterLike {
  handle(request: IncomingMessage, response: ServerResponse, done: Done): unknown;
}

/** An Express 4 or 5 application (checked at run time). */
export interface ExpressAppLike {
  use: (...handlers: never[]) => unknown;
}

/** The parts of an Express 4 or 5 application used here. */
interface ExpressApp {
  use(handler: RequestMiddleware): unknown;
  /** Express 5 (created on first read). */
  router?: RouterLike;
  /** Express 4 only. */
  lazyrouter?: () => void;
  [chainKey]?: RequestMiddleware[];
}

// Shared through the global symbol registry, so that copies of this package from different installs
// append to one chain per app.
const chainKey: unique symbol = Symbol.for("periscope.express.v1.beforeRouter");

/**
 * Runs `middleware` on every request of `app` before its router, in the order given; later calls add to
 * the end. Express 5 runs them without a router layer each, so a request pays no router work for them
 * (counted on a hello-world route: the first layer about 3 % of the request's instructions, each further
 * one 0.3–1 %). Express 4 always runs two layers of its own first, so there the chain is one layer, added
 * where this is called: call it before adding routes and other middleware.
 *
 * Meant for middleware that observes and passes every request on (Periscope's health, request context,
 * tracing, metrics and request log). On Express 5 an error a middleware passes to `next` (or throws) does
 * not reach the app's error-handling middleware: it goes to what Express calls when the router is done
 * (its final handler, which answers 500, or the parent app's `next` for a mounted app).
 */
export function useBeforeRouter(expressApp: ExpressAppLike, ...middleware: RequestMiddleware[]): void {
  const app = expressApp as ExpressApp;
  if (typeof app?.use !== "function") {
    throw new TypeError("@periscope/express: useBeforeRouter(app, ...) needs an Express application");
  }
  for (const [index, handler] of middleware.entries()) {
    if (typeof handler !== "function") {
      throw new TypeError(`@periscope/express: middleware ${index} is ${typeof handler}, not a function`);
    }
    if (handler.length > 3) {
      throw new TypeError(
        `@periscope/express: middleware ${index} (${handler.name || "anonymous"}) takes four parameters, an error handler; add it with app.use after the routes`,
      );
    }
  }
  const existing = app[chainKey];
  if (existing) {
    existing.push(...middleware);
    return;
  }
  const chain = [...middleware];
  app[chainKey] = chain;
  if (typeof app.lazyrouter === "function") {
    app.use(function periscopeBeforeRouter(request, response, next) {
      runChain(chain, request, response, next, next);
    });
    return;
  }
  const router = app.router;
  if (typeof router?.handle !== "function") {
    throw new TypeError("@periscope/express: useBeforeRouter found neither an Express 5 router nor Express 4");
  }
  const handle = router.handle;
  router.handle = function handleAfterChain(request, response, done) {
    const fail: Done = (error) => done(error === "router" ? undefined : error);
    runChain(chain, request, response, () => handle.call(router, request, response, done), fail);
  };
}

function runChain(
  chain: readonly RequestMiddleware[],
  request: IncomingMessage,
  response: ServerResponse,
  then: () => unknown,
  fail: Done,
): void {
  let index = 0;
  const next: Next = (error) => {
    // Like Express: "route" only skips the rest of a route, so here it moves on; "router" leaves the router.
    if (error !== undefined && error !== null && error !== "route") {
      fail(error);
      return;
    }
    const handler = chain[index++];
    if (handler === undefined) {
      then();
      return;
    }
    try {
      handler(request, response, next);
    } catch (error) {
      // As an Express layer does, also for a middleware that throws after passing the request on.
      fail(error);
    }
  };
  next();
}
