import type { Attributes } from "@opentelemetry/api";
import type { Sampler, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { RedactionPolicy } from "@periscope/redact";

export type ExporterName = "otlp" | "console" | "none";
export type OtlpProtocol = "http/protobuf" | "http/json";
export type SamplerName =
  | "always_on"
  | "always_off"
  | "traceidratio"
  | "parentbased_always_on"
  | "parentbased_always_off"
  | "parentbased_traceidratio";

/** Why spans were lost: the export queue was full, or the export of their batch failed or timed out. */
export type DropReason = "queue_full" | "export_failed";

export interface BatchOptions {
  /** OTEL_BSP_SCHEDULE_DELAY, default 5000 ms: the longest a span waits in the queue. */
  scheduledDelayMillis?: number;
  /** OTEL_BSP_MAX_QUEUE_SIZE, default 2048: spans beyond it are dropped and counted. */
  maxQueueSize?: number;
  /** OTEL_BSP_MAX_EXPORT_BATCH_SIZE, default 512 (at most maxQueueSize). */
  maxExportBatchSize?: number;
  /** OTEL_BSP_EXPORT_TIMEOUT, default 30000 ms: an export taking longer counts as failed. */
  exportTimeoutMillis?: number;
}

export interface SpanLimitOptions {
  /** OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT (or OTEL_ATTRIBUTE_COUNT_LIMIT), default 128. */
  attributeCountLimit?: number;
  /** OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT (or OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT), default 4096. */
  attributeValueLengthLimit?: number;
}

export interface HttpInstrumentationOptions {
  /** Return true to make no span for an outgoing request. */
  ignoreOutgoingRequest?: (options: import("node:http").RequestOptions) => boolean;
  /** Only trace outgoing requests made inside another span (a request, a traced() call). Default false. */
  requireParent?: boolean;
}

export interface TracingOptions {
  /** OTEL_SERVICE_NAME; else `service.name` of OTEL_RESOURCE_ATTRIBUTES; else "unknown_service:node". */
  serviceName?: string;
  /** Added to the resource; win over OTEL_RESOURCE_ATTRIBUTES. */
  resourceAttributes?: Attributes;
  /** OTEL_TRACES_EXPORTER (otlp | console | none, comma-separated for several), default "otlp"; or your own exporter. */
  exporter?: ExporterName | readonly ExporterName[] | SpanExporter;
  /**
   * The full URL spans are POSTed to, used as is. Default: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else
   * OTEL_EXPORTER_OTLP_ENDPOINT + "/v1/traces", else http://localhost:4318/v1/traces.
   */
  endpoint?: string;
  /** OTEL_EXPORTER_OTLP_HEADERS (and _TRACES_HEADERS), e.g. `{ authorization: "Bearer ..." }`. */
  headers?: Readonly<Record<string, string>>;
  /** OTEL_EXPORTER_OTLP_PROTOCOL (and _TRACES_PROTOCOL), default "http/protobuf". */
  protocol?: OtlpProtocol;
  /** OTEL_TRACES_SAMPLER, default "parentbased_always_on"; or your own Sampler. */
  sampler?: SamplerName | Sampler;
  /** OTEL_TRACES_SAMPLER_ARG for the ratio samplers, 0..1, default 1. */
  samplerRatio?: number;
  batch?: BatchOptions;
  spanLimits?: SpanLimitOptions;
  /**
   * "batch" (default) queues spans and exports them off the request path; "simple" exports each span as it
   * ends, for tests and short scripts only.
   */
  processing?: "batch" | "simple";
  /** More processors, run after the exporting one (they see spans before redaction). */
  spanProcessors?: readonly SpanProcessor[];
  /** The redaction applied to every span before export: a @periscope/redact policy, default `createRedactionPolicy()`. */
  redaction?: RedactionPolicy | false;
  /** Outgoing HTTP client spans through @opentelemetry/instrumentation-http. Default true. */
  instrumentations?: { http?: boolean | HttpInstrumentationOptions };
  /** Set the global tracer provider, W3C trace-context + baggage propagator and AsyncLocalStorage context. Default true. */
  registerGlobal?: boolean;
  /** The most shutdown() and forceFlush() wait, default 5000 ms. */
  shutdownTimeoutMillis?: number;
  /** OTEL_SDK_DISABLED: true turns tracing into a no-op (nothing registered, no export). */
  disabled?: boolean;
  /** Export failures and timeouts, at most one call per kind of failure per `errorIntervalMillis`. Default: a process warning. */
  onError?: (error: Error) => void;
  /**
   * The least time between two onError calls for the same kind of failure (same error code or HTTP status, or
   * the same message bar its numbers), default 60000 ms; failures in between are counted, not reported.
   */
  errorIntervalMillis?: number;
  /** Bad environment values (the variable is named). Default: a process warning. */
  onWarning?: (message: string) => void;
  /** Called when spans are lost; runs on the request path, so keep it cheap. */
  onDrop?: (count: number, reason: DropReason) => void;
  /** Where to read OTEL_* variables, default process.env (read once, in initTracing). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The name of the tracer on the handle, default "@periscope/tracing". */
  tracerName?: string;
}
