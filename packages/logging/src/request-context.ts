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

/**
 * Runs `fn` with a request context: every log call inside it, across awaits and timers, carries
 * `request_id`. Use it for work that does not come through Express (queue consumers, workers).
 * Without a `requestId`, a new UUID is used.
 */
export function runWithRequestContext<T>(context: { requestId?: string }, fn: () => T): T {
  const requestId =
    typeof context?.requestId === "string" && context.requestId !== "" ? context.requestId : randomUUID();
  return contextStore().run({ requestId }, fn);
}

/** The request id of the current request context, or undefined outside one. */
export function getRequestId(): string | undefined {
  return contextStore().getStore()?.requestId;
}
