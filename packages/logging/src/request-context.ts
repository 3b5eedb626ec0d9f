import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

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

// When an OpenTelemetry context manager is registered (initTracing registers one), the request context rides
// in OpenTelemetry's context instead: on Node 20 every AsyncLocalStorage in use costs a look-up and a store on
// every async resource a request creates, so one store for both is cheaper than two. The manager is taken
// from where @opentelemetry/api 1.x registers its globals, shared by every copy and version of the API.
const carriedKey = Symbol.for("periscope.logging.requestContext.carried");
const openTelemetryGlobals = Symbol.for("opentelemetry.js.api.1");

interface ContextLike {
  getValue(key: symbol): unknown;
  setValue(key: symbol, value: unknown): ContextLike;
}
interface ContextManagerLike {
  active(): ContextLike;
  with<T>(context: ContextLike, fn: () => T): T;
}

function registeredContextManager(): ContextManagerLike | undefined {
  return (globalThis as { [openTelemetryGlobals]?: { context?: ContextManagerLike } })[openTelemetryGlobals]?.context;
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
  const manager = registeredContextManager();
  if (manager === undefined) return contextStore().run(requestContext, fn);
  const carrier = manager.active().setValue(carriedKey, requestContext);
  // A manager that carries nothing (one disabled but still registered, say): use the store.
  return manager.with(carrier, () => (manager.active() === carrier ? fn() : contextStore().run(requestContext, fn)));
}

/** The request id of the current request context, or undefined outside one. */
export function getRequestId(): string | undefined {
  const carried = registeredContextManager()?.active().getValue(carriedKey) as RequestContext | undefined;
  return (carried ?? contextStore().getStore())?.requestId;
}
