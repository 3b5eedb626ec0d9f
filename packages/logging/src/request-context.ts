import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { loadOpenTelemetryApi, type OpenTelemetryApi } from "./trace-context.js";

/** What a unit of work (an HTTP request, a queue job) carries through its awaits and timers. */
export interface RequestContext {
  readonly requestId: string;
}

// One store per process, kept on a global: the ESM and CommonJS builds (and two copies of this
// package) must see the same request id, and it is created on first use, not on import.
const storeKey = Symbol.for("periscope.logging.requestContext");
type GlobalWithStore = typeof globalThis & { [storeKey]?: AsyncLocalStorage<RequestContext> };

function contextStore(): AsyncLocalStorage<RequestContext> {
  const holder = globalThis as GlobalWithStore;
  let store = holder[storeKey];
  if (!store) {
    store = new AsyncLocalStorage<RequestContext>();
    holder[storeKey] = store;
  }
  return store;
}

// When an OpenTelemetry context manager is registered (initTracing does it), the request context rides in
// OpenTelemetry's context instead: on Node 20 every AsyncLocalStorage in use costs a look-up and a store on
// every async resource a request creates, so one store for both is cheaper than two. The key is shared
// like the store above.
const carriedKey = Symbol.for("periscope.logging.requestContext.carried");
let openTelemetry: OpenTelemetryApi | null | undefined = null;

function openTelemetryApi(): OpenTelemetryApi | undefined {
  if (openTelemetry === null) openTelemetry = loadOpenTelemetryApi();
  return openTelemetry;
}

// Where @opentelemetry/api 1.x registers its globals: a glance here spares a context and a call per request
// while no context manager is registered. Whether it carries the context is still checked below.
const openTelemetryGlobals = Symbol.for("opentelemetry.js.api.1");

function contextManagerRegistered(): boolean {
  return (
    (globalThis as { [openTelemetryGlobals]?: { context?: unknown } })[openTelemetryGlobals]?.context !== undefined
  );
}

/**
 * Runs `fn` with a request context: every log call inside it, across awaits and timers, carries
 * `request_id`. Use it for work that does not come through Express (queue consumers, workers).
 * Without a `requestId`, a new UUID is used.
 */
export function runWithRequestContext<T>(context: { requestId?: string }, fn: () => T): T {
  const requestId =
    typeof context?.requestId === "string" && context.requestId !== "" ? context.requestId : randomUUID();
  const requestContext: RequestContext = { requestId };
  const api = openTelemetryApi();
  if (api === undefined || !contextManagerRegistered()) return contextStore().run(requestContext, fn);
  const carrier = api.context.active().setValue(carriedKey, requestContext);
  // Without a context manager (OpenTelemetry's no-op one), `with` carries nothing: use the store.
  return api.context.with(carrier, () =>
    api.context.active() === carrier ? fn() : contextStore().run(requestContext, fn),
  );
}

/** The request id of the current request context, or undefined outside one. */
export function getRequestId(): string | undefined {
  const carried = openTelemetryApi()?.context.active().getValue(carriedKey) as RequestContext | undefined;
  return (carried ?? contextStore().getStore())?.requestId;
}
