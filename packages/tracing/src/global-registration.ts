import type { TracerProvider } from "@opentelemetry/api";
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";

/**
 * Registers the provider, a W3C trace-context + baggage propagator and an AsyncLocalStorage context
 * manager with the OpenTelemetry API; returns the function that undoes it. Throws when another
 * provider is already registered (two SDKs in one process would split the traces).
 */
export function registerGlobals(provider: TracerProvider): () => void {
  if (!trace.setGlobalTracerProvider(provider)) {
    throw new Error(
      "initTracing: a global tracer provider is already registered (another initTracing() not shut down, or another " +
        'OpenTelemetry SDK). Call shutdown() on the first one, or pass "registerGlobal: false".',
    );
  }
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  return () => {
    trace.disable();
    propagation.disable();
    context.disable();
  };
}
