import type { Tracer } from "@opentelemetry/api";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { AlwaysOffSampler, SimpleSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { createRedactionPolicy } from "@periscope/redact";
import { BoundedBatchSpanProcessor, type ExportStats } from "./bounded-batch-processor.js";
import { resolveTracingConfig, type TracingConfig } from "./config.js";
import { withDeadline } from "./deadline.js";
import { createSpanExporter } from "./exporter.js";
import { registerGlobals } from "./global-registration.js";
import { enableHttpInstrumentation } from "./http-instrumentation.js";
import type { TracingOptions } from "./options.js";
import { rateLimited, warnProcess } from "./rate-limit.js";
import { RedactingSpanProcessor } from "./redacting-span-processor.js";
import { createSampler } from "./sampler.js";

export interface TracingHandle {
  /** False when OTEL_SDK_DISABLED=true (or `disabled: true`): spans are not recorded and nothing is registered. */
  readonly enabled: boolean;
  readonly provider: NodeTracerProvider;
  readonly tracer: Tracer;
  /** The configuration in effect, after options and OTEL_* variables were merged. */
  readonly config: Readonly<TracingConfig>;
  /** Exports what is queued, waiting at most `timeoutMillis` (default: shutdownTimeoutMillis). Never rejects. */
  forceFlush(timeoutMillis?: number): Promise<void>;
  /** Flushes (within shutdownTimeoutMillis), removes the HTTP patch and the global registrations. Idempotent. */
  shutdown(): Promise<void>;
  /** Spans lost so far: queue full, or export failed or timed out. */
  droppedSpans(): number;
  /** Export counters, summed over the exporters. */
  stats(): ExportStats;
}

const SERVICE_NAME_DEFAULT = "unknown_service:node";

/**
 * Sets up OpenTelemetry tracing from options and the standard OTEL_* variables (read here, once) and
 * registers it with the OpenTelemetry API. Call it before your app loads `express` and `http` clients.
 */
export function initTracing(options: TracingOptions = {}): TracingHandle {
  const warn = options.onWarning ?? warnProcess("");
  const config = resolveTracingConfig(options, warn);
  const errors = rateLimited(
    options.onError ?? warnProcess("span export failed: "),
    options.errorIntervalMillis ?? 60_000,
  );
  const resource = defaultResource().merge(
    resourceFromAttributes({ "service.name": SERVICE_NAME_DEFAULT, ...config.resourceAttributes }),
  );
  const spanLimits = config.spanLimits;

  if (config.disabled) {
    const provider = new NodeTracerProvider({ resource, sampler: new AlwaysOffSampler(), spanLimits });
    return handleOf(provider, config, options, [], async () => {
      await provider.shutdown();
    });
  }

  const redactor = options.redaction === false ? undefined : (options.redaction ?? createRedactionPolicy());
  const exporting = config.exporters.map((exporter) => {
    const spanExporter = createSpanExporter(exporter, config);
    if (options.processing === "simple")
      return { processor: new SimpleSpanProcessor(spanExporter), counted: undefined };
    const counted = new BoundedBatchSpanProcessor(spanExporter, {
      ...config.batch,
      onDrop: options.onDrop,
      onError: errors.report,
    });
    return { processor: counted as SpanProcessor, counted };
  });
  const processors: SpanProcessor[] = exporting.map(({ processor }) =>
    redactor
      ? new RedactingSpanProcessor(processor, {
          policy: redactor,
          maxAttributes: spanLimits.attributeCountLimit,
          maxValueLength: spanLimits.attributeValueLengthLimit,
        })
      : processor,
  );
  processors.push(...(options.spanProcessors ?? []));
  const provider = new NodeTracerProvider({
    resource,
    sampler: createSampler(config.sampler),
    spanLimits,
    spanProcessors: processors,
  });

  const unregister = options.registerGlobal === false ? undefined : registerGlobals(provider);
  const http = options.instrumentations?.http ?? true;
  let unpatch: (() => void) | undefined;
  try {
    if (http !== false) unpatch = enableHttpInstrumentation(provider, http === true ? {} : http);
  } catch (error) {
    unregister?.();
    throw error;
  }

  const counters = exporting.flatMap(({ counted }) => (counted ? [counted] : []));
  return handleOf(provider, config, options, counters, async () => {
    // Stop making client spans first, flush within the deadline, then let go of the globals.
    unpatch?.();
    const finished = await withDeadline(provider.shutdown(), config.shutdownTimeoutMillis);
    if (!finished) {
      errors.report(
        new Error(`shutdown: spans not flushed within ${config.shutdownTimeoutMillis} ms; giving up on them`),
      );
    }
    unregister?.();
  });
}

function handleOf(
  provider: NodeTracerProvider,
  config: TracingConfig,
  options: TracingOptions,
  counters: readonly BoundedBatchSpanProcessor[],
  stop: () => Promise<void>,
): TracingHandle {
  let stopping: Promise<void> | undefined;
  const stats = (): ExportStats => {
    const total: ExportStats = { queued: 0, exporting: 0, exported: 0, droppedQueueFull: 0, droppedExportFailed: 0 };
    for (const counter of counters) {
      const one = counter.snapshot();
      total.queued += one.queued;
      total.exporting += one.exporting;
      total.exported += one.exported;
      total.droppedQueueFull += one.droppedQueueFull;
      total.droppedExportFailed += one.droppedExportFailed;
    }
    return total;
  };
  return {
    enabled: !config.disabled,
    provider,
    tracer: provider.getTracer(options.tracerName ?? "@periscope/tracing"),
    config,
    async forceFlush(timeoutMillis = config.shutdownTimeoutMillis) {
      await withDeadline(
        provider.forceFlush({ timeoutMillis }).catch(() => undefined),
        timeoutMillis,
      );
    },
    shutdown() {
      stopping ??= stop().catch(() => undefined);
      return stopping;
    },
    droppedSpans() {
      const { droppedQueueFull, droppedExportFailed } = stats();
      return droppedQueueFull + droppedExportFailed;
    },
    stats,
  };
}
