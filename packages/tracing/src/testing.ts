import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { initTracing, type TracingHandle } from "./init-tracing.js";
import type { TracingOptions } from "./options.js";

export interface TestTracing extends TracingHandle {
  readonly exporter: InMemorySpanExporter;
  /** The spans ended so far (redacted, as they would be exported). */
  spans(): ReadableSpan[];
  /** Forgets the spans ended so far. */
  reset(): void;
}

/**
 * Tracing for your tests: every span is kept in memory as soon as it ends, the environment is ignored
 * and sampling is always on unless you say otherwise. Registered globally like initTracing(); call
 * shutdown() after each test.
 */
export function createTestTracing(options: Omit<TracingOptions, "exporter" | "processing"> = {}): TestTracing {
  const exporter = new InMemorySpanExporter();
  const handle = initTracing({
    sampler: "always_on",
    instrumentations: { http: false },
    ...options,
    env: options.env ?? {},
    exporter,
    processing: "simple",
  });
  return {
    ...handle,
    exporter,
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
  };
}
