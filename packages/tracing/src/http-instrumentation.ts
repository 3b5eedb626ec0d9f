import { createRequire, syncBuiltinESMExports } from "node:module";
import type { TracerProvider } from "@opentelemetry/api";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import type { HttpInstrumentationOptions } from "./options.js";

/**
 * CLIENT spans for outgoing `http`/`https` requests (incoming requests are left to the Express
 * middleware, which is much cheaper). Returns the function that removes the patch.
 *
 * `http` and `https` are builtins: the patch is applied to their shared exports object right away, so it
 * works whether the app loads them with `require` or `import`, without an ESM loader hook, as long as
 * tracing is initialised before the app takes references to `http.request`.
 */
export function enableHttpInstrumentation(provider: TracerProvider, options: HttpInstrumentationOptions): () => void {
  const ignore = options.ignoreOutgoingRequest;
  const instrumentation = new HttpInstrumentation({
    enabled: false,
    disableIncomingRequestInstrumentation: true,
    requireParentforOutgoingSpans: options.requireParent ?? false,
    ...(ignore ? { ignoreOutgoingRequestHook: (request) => ignore(request) } : {}),
  });
  instrumentation.setTracerProvider(provider);
  instrumentation.enable();
  // require-in-the-middle patches a module when it is required: require the builtins once now, so that
  // apps that already loaded them (or only `import` them) get the patched functions too.
  const require = createRequire(import.meta.url);
  require("node:http");
  require("node:https");
  syncBuiltinESMExports();
  return () => {
    instrumentation.disable();
    syncBuiltinESMExports();
  };
}
