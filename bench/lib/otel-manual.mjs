// The variant side of lib/otel-manual-preload.mjs: its provider's shutdown, found on globalThis because this
// module and the preload may be different module instances once the import hook is registered.
const OTEL_MANUAL_HANDLE = Symbol.for("periscope.bench.otel-manual");

export async function shutdownOtelManual() {
  const handle = globalThis[OTEL_MANUAL_HANDLE];
  if (!handle) throw new Error("the OpenTelemetry preload did not run (node --import lib/otel-manual-preload.mjs)");
  await handle.shutdown();
}
