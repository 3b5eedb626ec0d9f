import type { Attributes } from "@opentelemetry/api";
import type { Sampler, SpanExporter } from "@opentelemetry/sdk-trace-base";
import {
  type Environment,
  isHttpUrl,
  readBoolean,
  readInteger,
  readKeyValueList,
  readList,
  readRatio,
  readString,
  readUrl,
  type Warn,
} from "./env.js";
import type { ExporterName, OtlpProtocol, SamplerName, TracingOptions } from "./options.js";

export interface TracingConfig {
  disabled: boolean;
  resourceAttributes: Attributes;
  exporters: readonly (ExporterName | SpanExporter)[];
  otlp: { url: string; headers: Record<string, string>; protocol: OtlpProtocol };
  sampler: { name: SamplerName; ratio: number } | Sampler;
  batch: {
    scheduledDelayMillis: number;
    maxQueueSize: number;
    maxExportBatchSize: number;
    exportTimeoutMillis: number;
  };
  spanLimits: { attributeCountLimit: number; attributeValueLengthLimit: number };
  shutdownTimeoutMillis: number;
}

export const DEFAULT_OTLP_TRACES_URL = "http://localhost:4318/v1/traces";
export const DEFAULT_ATTRIBUTE_COUNT_LIMIT = 128;
export const DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT = 4096;
export const DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 5000;

const exporterNames: readonly string[] = ["otlp", "console", "none"];
const protocols: readonly string[] = ["http/protobuf", "http/json"];
const samplerNames: readonly string[] = [
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
];

/**
 * The one place OTEL_* variables are read. Explicit options win; a bad option throws (naming the option
 * and its variable), a bad variable is reported through `warn` and replaced by the default.
 */
export function resolveTracingConfig(options: TracingOptions, warn: Warn): TracingConfig {
  const env: Environment = options.env ?? process.env;
  const batch = resolveBatch(options, env, warn);
  return {
    disabled:
      optionBoolean(options.disabled, "disabled", "OTEL_SDK_DISABLED") ??
      readBoolean(env, "OTEL_SDK_DISABLED", warn) ??
      false,
    resourceAttributes: resolveResource(options, env, warn),
    exporters: resolveExporters(options, env, warn),
    otlp: {
      url: resolveUrl(options, env, warn),
      headers: resolveHeaders(options, env, warn),
      protocol: resolveProtocol(options, env, warn),
    },
    sampler: resolveSampler(options, env, warn),
    batch,
    spanLimits: {
      attributeCountLimit:
        optionInteger(
          options.spanLimits?.attributeCountLimit,
          "spanLimits.attributeCountLimit",
          "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT",
          0,
        ) ??
        readInteger(env, "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", warn) ??
        readInteger(env, "OTEL_ATTRIBUTE_COUNT_LIMIT", warn) ??
        DEFAULT_ATTRIBUTE_COUNT_LIMIT,
      attributeValueLengthLimit:
        optionInteger(
          options.spanLimits?.attributeValueLengthLimit,
          "spanLimits.attributeValueLengthLimit",
          "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT",
          1,
        ) ??
        readInteger(env, "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", warn, 1) ??
        readInteger(env, "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", warn, 1) ??
        DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT,
    },
    shutdownTimeoutMillis:
      optionInteger(options.shutdownTimeoutMillis, "shutdownTimeoutMillis", undefined, 1) ??
      DEFAULT_SHUTDOWN_TIMEOUT_MILLIS,
  };
}

function resolveResource(options: TracingOptions, env: Environment, warn: Warn): Attributes {
  const attributes: Attributes = { ...readKeyValueList(env, "OTEL_RESOURCE_ATTRIBUTES", warn) };
  const envServiceName = readString(env, "OTEL_SERVICE_NAME");
  if (envServiceName !== undefined) attributes["service.name"] = envServiceName;
  Object.assign(attributes, options.resourceAttributes);
  if (options.serviceName !== undefined) {
    if (typeof options.serviceName !== "string" || options.serviceName.trim() === "") {
      throw new TypeError(`initTracing: option "serviceName" (or env OTEL_SERVICE_NAME) must be a non-empty string`);
    }
    attributes["service.name"] = options.serviceName;
  }
  return attributes;
}

function resolveExporters(options: TracingOptions, env: Environment, warn: Warn): (ExporterName | SpanExporter)[] {
  const option = options.exporter;
  if (option !== undefined) {
    if (typeof option === "object" && !Array.isArray(option)) {
      if (typeof (option as SpanExporter).export !== "function") {
        throw new TypeError(`initTracing: option "exporter" must be "otlp", "console", "none" or a SpanExporter`);
      }
      return [option as SpanExporter];
    }
    const names = (Array.isArray(option) ? option : [option]) as unknown[];
    for (const name of names) {
      if (typeof name !== "string" || !exporterNames.includes(name)) {
        throw new TypeError(
          `initTracing: option "exporter" (or env OTEL_TRACES_EXPORTER) got ${JSON.stringify(name)}; use "otlp", "console" or "none"`,
        );
      }
    }
    return withoutNone(names as ExporterName[]);
  }
  const fromEnv = readList(env, "OTEL_TRACES_EXPORTER");
  if (fromEnv === undefined) return ["otlp"];
  const known = fromEnv.filter((name) => {
    if (exporterNames.includes(name)) return true;
    warn(`OTEL_TRACES_EXPORTER has "${name}", which is not supported (use otlp, console or none); ignoring it`);
    return false;
  });
  return known.length === 0 ? ["otlp"] : withoutNone(known as ExporterName[]);
}

function withoutNone(names: ExporterName[]): ExporterName[] {
  return names.includes("none") ? [] : [...new Set(names)];
}

function resolveUrl(options: TracingOptions, env: Environment, warn: Warn): string {
  if (options.endpoint !== undefined) {
    if (typeof options.endpoint !== "string" || !isHttpUrl(options.endpoint)) {
      throw new TypeError(
        `initTracing: option "endpoint" (or env OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) must be an http(s) URL, got ${JSON.stringify(options.endpoint)}`,
      );
    }
    return options.endpoint;
  }
  // Spec: the signal-specific endpoint is used as is; the generic one gets the signal's path appended.
  const specific = readUrl(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", warn);
  if (specific !== undefined) return specific;
  const generic = readUrl(env, "OTEL_EXPORTER_OTLP_ENDPOINT", warn);
  if (generic !== undefined) return `${generic.replace(/\/+$/, "")}/v1/traces`;
  return DEFAULT_OTLP_TRACES_URL;
}

function resolveHeaders(options: TracingOptions, env: Environment, warn: Warn): Record<string, string> {
  const headers: Record<string, string> = {
    ...readKeyValueList(env, "OTEL_EXPORTER_OTLP_HEADERS", warn),
    ...readKeyValueList(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS", warn),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (typeof value !== "string") {
      throw new TypeError(
        `initTracing: option "headers" (or env OTEL_EXPORTER_OTLP_HEADERS) has a non-string value for "${name}"`,
      );
    }
    headers[name] = value;
  }
  return headers;
}

function resolveProtocol(options: TracingOptions, env: Environment, warn: Warn): OtlpProtocol {
  if (options.protocol !== undefined) {
    if (!protocols.includes(options.protocol)) {
      throw new TypeError(
        `initTracing: option "protocol" (or env OTEL_EXPORTER_OTLP_PROTOCOL) got ${JSON.stringify(options.protocol)}; use "http/protobuf" or "http/json"`,
      );
    }
    return options.protocol;
  }
  for (const name of ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"]) {
    const value = readString(env, name);
    if (value === undefined) continue;
    if (protocols.includes(value)) return value as OtlpProtocol;
    warn(`${name}="${value}" is not supported (use http/protobuf or http/json); using http/protobuf`);
    return "http/protobuf";
  }
  return "http/protobuf";
}

function resolveSampler(options: TracingOptions, env: Environment, warn: Warn): TracingConfig["sampler"] {
  const ratio = optionRatio(options.samplerRatio) ?? readRatio(env, "OTEL_TRACES_SAMPLER_ARG", warn) ?? 1;
  const option = options.sampler;
  if (option !== undefined) {
    if (typeof option === "object" && option !== null && typeof option.shouldSample === "function") return option;
    if (typeof option !== "string" || !samplerNames.includes(option)) {
      throw new TypeError(
        `initTracing: option "sampler" (or env OTEL_TRACES_SAMPLER) got ${JSON.stringify(option)}; use one of ${samplerNames.join(", ")} or a Sampler`,
      );
    }
    return { name: option, ratio };
  }
  const fromEnv = readString(env, "OTEL_TRACES_SAMPLER")?.toLowerCase();
  if (fromEnv === undefined) return { name: "parentbased_always_on", ratio };
  if (samplerNames.includes(fromEnv)) return { name: fromEnv as SamplerName, ratio };
  warn(
    `OTEL_TRACES_SAMPLER="${fromEnv}" is not supported (use one of ${samplerNames.join(", ")}); using parentbased_always_on`,
  );
  return { name: "parentbased_always_on", ratio };
}

function resolveBatch(options: TracingOptions, env: Environment, warn: Warn): TracingConfig["batch"] {
  const batch = options.batch ?? {};
  const maxQueueSize =
    optionInteger(batch.maxQueueSize, "batch.maxQueueSize", "OTEL_BSP_MAX_QUEUE_SIZE", 1) ??
    readInteger(env, "OTEL_BSP_MAX_QUEUE_SIZE", warn, 1) ??
    2048;
  let maxExportBatchSize =
    optionInteger(batch.maxExportBatchSize, "batch.maxExportBatchSize", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 1) ??
    readInteger(env, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", warn, 1) ??
    512;
  if (maxExportBatchSize > maxQueueSize) {
    if (batch.maxExportBatchSize !== undefined && batch.maxQueueSize !== undefined) {
      throw new RangeError(
        `initTracing: option "batch.maxExportBatchSize" (OTEL_BSP_MAX_EXPORT_BATCH_SIZE) ${maxExportBatchSize} exceeds "batch.maxQueueSize" (OTEL_BSP_MAX_QUEUE_SIZE) ${maxQueueSize}`,
      );
    }
    maxExportBatchSize = maxQueueSize;
  }
  return {
    maxQueueSize,
    maxExportBatchSize,
    scheduledDelayMillis:
      optionInteger(batch.scheduledDelayMillis, "batch.scheduledDelayMillis", "OTEL_BSP_SCHEDULE_DELAY", 0) ??
      readInteger(env, "OTEL_BSP_SCHEDULE_DELAY", warn, 0) ??
      5000,
    exportTimeoutMillis:
      optionInteger(batch.exportTimeoutMillis, "batch.exportTimeoutMillis", "OTEL_BSP_EXPORT_TIMEOUT", 1) ??
      readInteger(env, "OTEL_BSP_EXPORT_TIMEOUT", warn, 1) ??
      30000,
  };
}

function optionInteger(value: unknown, option: string, envName: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    const source = envName ? `option "${option}" (or env ${envName})` : `option "${option}"`;
    throw new RangeError(`initTracing: ${source} must be a whole number >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function optionRatio(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(
      `initTracing: option "samplerRatio" (or env OTEL_TRACES_SAMPLER_ARG) must be a number between 0 and 1, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function optionBoolean(value: unknown, option: string, envName: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") {
    throw new TypeError(
      `initTracing: option "${option}" (or env ${envName}) must be true or false, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
