/** The route of a request no route matched (a 404, say). */
export const UNMATCHED_ROUTE = "unmatched";

/**
 * Finds the route template of an Express request (`/api/v1/tasks/:id`), mount paths of nested
 * routers included, for Express 4 and 5. Express keeps only the innermost route's template
 * (`req.route.path`), so the router layers a request enters are instrumented, lazily and once,
 * to record their mount template on the request, and to forget it when the request leaves them.
 */

type Next = (error?: unknown) => void;
type Handle = (request: TrackedRequest, response: unknown, next: Next) => unknown;

interface Layer {
  route?: unknown;
  handle: Handle & { stack?: Layer[] };
  // Express 5 (router >= 2.3) keeps the path as given; older routers only what it matched.
  rawPath?: string | RegExp | (string | RegExp)[];
  slash?: boolean;
  regexp?: { fast_slash?: boolean };
  path?: string;
  keys?: (string | { name: string | number })[];
  params?: Record<string, unknown>;
  handleRequest?: Handle;
  handle_request?: Handle;
  [instrumented]?: true;
}

interface RouteLike {
  path: string | RegExp | (string | RegExp)[];
}

export interface TrackedRequest {
  route?: RouteLike;
  [mountTemplate]?: string;
  [matched]?: { route: RouteLike; template: string };
}

export interface ExpressAppLike {
  _router?: { stack: Layer[] };
  router?: { stack: Layer[] };
}

// Shared through the global symbol registry: @periscope/metrics, logging, tracing and sentry each carry a
// copy of this file (packages meet only through @opentelemetry/api), and an app using several of them must
// have its router layers wrapped once, not once per package. Bump the version if the recorded state changes.
const instrumented: unique symbol = Symbol.for("periscope.route-template.v2.instrumented");
const mountTemplate: unique symbol = Symbol.for("periscope.route-template.v2.mountTemplate");
const matched: unique symbol = Symbol.for("periscope.route-template.v2.matchedRoute");
const sharedState: unique symbol = Symbol.for("periscope.route-template.v2.state");

/** How many mounted router layers the process has instrumented: while none, no request carries mount state. */
interface SharedState {
  instrumentedLayers: number;
}
const state = sharedRouteState();

function sharedRouteState(): SharedState {
  const holder = globalThis as { [sharedState]?: SharedState };
  let shared = holder[sharedState];
  if (!shared) {
    shared = { instrumentedLayers: 0 };
    holder[sharedState] = shared;
  }
  return shared;
}

export class RouteTemplates {
  private readonly instrumentedLength = new WeakMap<Layer[], number>();

  /** Instruments the app's router layers added since the last call; cheap when nothing changed. */
  instrumentApp(app: ExpressAppLike): void {
    // Express 4 keeps its router in `_router` (its `app.router` getter throws); Express 5 in `router`.
    const router = app._router ?? app.router;
    if (router) this.instrumentStack(router.stack);
  }

  /** The template of the request's matched route, or UNMATCHED_ROUTE. */
  templateOf(request: TrackedRequest): string {
    const route = request.route;
    if (!route) return UNMATCHED_ROUTE;
    // Express gives each request a hidden class of its own, so every lookup of a property the request
    // lacks walks its prototype chain in the runtime: skip the two below when no router could set them.
    if (state.instrumentedLayers === 0) return joinTemplate("", formatPath(route.path));
    const snapshot = request[matched];
    if (snapshot?.route === route) return snapshot.template;
    return joinTemplate(request[mountTemplate] ?? "", formatPath(route.path));
  }

  private instrumentStack(stack: Layer[]): void {
    if (this.instrumentedLength.get(stack) === stack.length) return;
    this.instrumentedLength.set(stack, stack.length);
    for (const layer of stack) {
      if (layer.route || layer[instrumented] || !contributesToTemplate(layer)) continue;
      this.instrumentLayer(layer);
    }
  }

  private instrumentLayer(layer: Layer): void {
    const methodName = typeof layer.handleRequest === "function" ? "handleRequest" : "handle_request";
    const original = layer[methodName];
    if (typeof original !== "function") return;
    layer[instrumented] = true;
    const templates = this;
    if (isRootPath(layer)) {
      // A router mounted at the root adds nothing to the template: it only needs its own layers instrumented
      // before a request enters them, and leaves the request alone (see templateOf for why that matters).
      layer[methodName] = function handleRootRouter(this: Layer, request, response, next) {
        const childStack = layer.handle.stack;
        if (Array.isArray(childStack)) templates.instrumentStack(childStack);
        return original.call(this, request, response, next);
      };
      return;
    }
    state.instrumentedLayers++;
    layer[methodName] = function handleWithTemplate(this: Layer, request, response, next) {
      const outerMount = request[mountTemplate];
      const routeBefore = request.route;
      request[mountTemplate] = (outerMount ?? "") + mountPieceOf(layer);
      const childStack = layer.handle.stack;
      if (Array.isArray(childStack)) templates.instrumentStack(childStack);
      return original.call(this, request, response, (error?: unknown) => {
        // Leaving the router: remember the route it matched before its mount path is forgotten,
        // so an error handler further out still labels the request with the full template.
        const route = request.route;
        if (route && route !== routeBefore && request[matched]?.route !== route) {
          request[matched] = { route, template: joinTemplate(request[mountTemplate] ?? "", formatPath(route.path)) };
        }
        request[mountTemplate] = outerMount;
        next(error);
      });
    };
  }
}

/** Routers add their mount path; other middleware only when mounted on a path (a sub-application, say). */
function contributesToTemplate(layer: Layer): boolean {
  return Array.isArray(layer.handle.stack) || !isRootPath(layer);
}

function isRootPath(layer: Layer): boolean {
  return layer.slash === true || layer.regexp?.fast_slash === true || layer.rawPath === "/";
}

function mountPieceOf(layer: Layer): string {
  if (layer.slash) return "";
  if (layer.rawPath !== undefined) return trimTrailingSlash(formatPath(layer.rawPath));
  return trimTrailingSlash(templateFromMatch(layer.path ?? "", layer.keys ?? [], layer.params ?? {}));
}

/**
 * Express 4 and routers before 2.3 keep only the matched path and its parameters on a layer:
 * put `:name` back where each parameter's value stands, left to right.
 */
export function templateFromMatch(
  matchedPath: string,
  keys: readonly (string | { name: string | number })[],
  params: Record<string, unknown>,
): string {
  if (keys.length === 0) return matchedPath;
  const segments = matchedPath.split("/");
  let from = 1;
  for (const key of keys) {
    const name = typeof key === "object" ? key.name : key;
    const value = params[name];
    if (typeof value !== "string") continue;
    let index = segments.indexOf(value, from);
    if (index === -1) index = segments.indexOf(encodeURIComponent(value), from);
    if (index === -1) continue;
    segments[index] = `:${name}`;
    from = index + 1;
  }
  return segments.join("/");
}

function formatPath(path: string | RegExp | (string | RegExp)[]): string {
  if (Array.isArray(path)) return path.map(formatPath).join("|");
  return typeof path === "string" ? path : String(path);
}

function trimTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path === "/" ? "" : path;
}

function joinTemplate(mount: string, path: string): string {
  if (mount === "") return path || "/";
  if (path === "/" || path === "") return mount;
  return mount + path;
}
