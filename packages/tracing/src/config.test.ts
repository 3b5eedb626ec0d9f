import { describe, expect, it } from "vitest";
import { resolveTracingConfig } from "./config.js";
import type { TracingOptions } from "./options.js";

function resolve(env: Record<string, string>, options: TracingOptions = {}) {
  const warnings: string[] = [];
  const config = resolveTracingConfig({ ...options, env }, (message) => warnings.push(message));
  return { config, warnings };
}

describe("resolveTracingConfig: OTEL_* variables", () => {
  it("has the spec's defaults with an empty environment", () => {
    const { config, warnings } = resolve({});
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      disabled: false,
      exporters: ["otlp"],
      otlp: { url: "http://localhost:4318/v1/traces", headers: {}, protocol: "http/protobuf" },
      sampler: { name: "parentbased_always_on", ratio: 1 },
      batch: { scheduledDelayMillis: 5000, maxQueueSize: 2048, maxExportBatchSize: 512, exportTimeoutMillis: 30000 },
      spanLimits: { attributeCountLimit: 128, attributeValueLengthLimit: 4096 },
      shutdownTimeoutMillis: 5000,
    });
  });

  it("OTEL_SERVICE_NAME wins over service.name in OTEL_RESOURCE_ATTRIBUTES; values are percent-decoded", () => {
    const { config } = resolve({
      OTEL_SERVICE_NAME: "api",
      OTEL_RESOURCE_ATTRIBUTES: "service.name=ignored,deployment.environment.name=prod%20eu,team=core",
    });
    expect(config.resourceAttributes).toEqual({
      "service.name": "api",
      "deployment.environment.name": "prod eu",
      team: "core",
    });
  });

  it("OTEL_RESOURCE_ATTRIBUTES: malformed entries are skipped with a warning naming the variable", () => {
    const { config, warnings } = resolve({ OTEL_RESOURCE_ATTRIBUTES: "good=1,novalue,=x,bad=%E0%A4%A" });
    expect(config.resourceAttributes).toEqual({ good: "1" });
    expect(warnings).toHaveLength(3);
    expect(warnings.every((warning) => warning.includes("OTEL_RESOURCE_ATTRIBUTES"))).toBe(true);
  });

  it("OTEL_TRACES_EXPORTER: otlp, console, none, lists, and unknown names", () => {
    expect(resolve({ OTEL_TRACES_EXPORTER: "console" }).config.exporters).toEqual(["console"]);
    expect(resolve({ OTEL_TRACES_EXPORTER: "none" }).config.exporters).toEqual([]);
    expect(resolve({ OTEL_TRACES_EXPORTER: "OTLP, console" }).config.exporters).toEqual(["otlp", "console"]);
    const unknown = resolve({ OTEL_TRACES_EXPORTER: "zipkin" });
    expect(unknown.config.exporters).toEqual(["otlp"]);
    expect(unknown.warnings[0]).toContain('OTEL_TRACES_EXPORTER has "zipkin"');
  });

  it("OTEL_EXPORTER_OTLP_ENDPOINT gets /v1/traces appended; OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as is and wins", () => {
    expect(resolve({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }).config.otlp.url).toBe(
      "http://collector:4318/v1/traces",
    );
    expect(resolve({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/base/" }).config.otlp.url).toBe(
      "http://collector:4318/base/v1/traces",
    );
    expect(
      resolve({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example/custom/path",
      }).config.otlp.url,
    ).toBe("https://traces.example/custom/path");
  });

  it("a bad endpoint variable is ignored with a warning", () => {
    const { config, warnings } = resolve({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "not a url",
      OTEL_EXPORTER_OTLP_ENDPOINT: "ftp://x",
    });
    expect(config.otlp.url).toBe("http://localhost:4318/v1/traces");
    expect(warnings.join("\n")).toContain("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    expect(warnings.join("\n")).toContain("OTEL_EXPORTER_OTLP_ENDPOINT");
  });

  it("OTEL_EXPORTER_OTLP_HEADERS, with the traces-specific ones winning", () => {
    const { config } = resolve({
      OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer%20abc,x-tenant=a",
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: "x-tenant=b",
    });
    expect(config.otlp.headers).toEqual({ authorization: "Bearer abc", "x-tenant": "b" });
  });

  it("OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf by default, http/json, grpc unsupported", () => {
    expect(resolve({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" }).config.otlp.protocol).toBe("http/json");
    expect(
      resolve({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf" }).config
        .otlp.protocol,
    ).toBe("http/protobuf");
    const grpc = resolve({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" });
    expect(grpc.config.otlp.protocol).toBe("http/protobuf");
    expect(grpc.warnings[0]).toContain('OTEL_EXPORTER_OTLP_PROTOCOL="grpc"');
  });

  it("OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG", () => {
    for (const name of [
      "always_on",
      "always_off",
      "traceidratio",
      "parentbased_always_on",
      "parentbased_always_off",
      "parentbased_traceidratio",
    ]) {
      expect(resolve({ OTEL_TRACES_SAMPLER: name }).config.sampler).toEqual({ name, ratio: 1 });
    }
    expect(resolve({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" }).config.sampler).toEqual({
      name: "traceidratio",
      ratio: 0.25,
    });
    const bad = resolve({ OTEL_TRACES_SAMPLER: "sometimes", OTEL_TRACES_SAMPLER_ARG: "1.5" });
    expect(bad.config.sampler).toEqual({ name: "parentbased_always_on", ratio: 1 });
    expect(bad.warnings.some((warning) => warning.includes("OTEL_TRACES_SAMPLER="))).toBe(true);
    expect(bad.warnings.some((warning) => warning.includes('OTEL_TRACES_SAMPLER_ARG="1.5"'))).toBe(true);
  });

  it("OTEL_BSP_* variables, and bad values falling back to the defaults with a warning each", () => {
    const good = resolve({
      OTEL_BSP_SCHEDULE_DELAY: "100",
      OTEL_BSP_MAX_QUEUE_SIZE: "64",
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "16",
      OTEL_BSP_EXPORT_TIMEOUT: "2000",
    });
    expect(good.config.batch).toEqual({
      scheduledDelayMillis: 100,
      maxQueueSize: 64,
      maxExportBatchSize: 16,
      exportTimeoutMillis: 2000,
    });
    const bad = resolve({
      OTEL_BSP_SCHEDULE_DELAY: "-1",
      OTEL_BSP_MAX_QUEUE_SIZE: "lots",
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "1.5",
      OTEL_BSP_EXPORT_TIMEOUT: "0",
    });
    expect(bad.config.batch).toEqual({
      scheduledDelayMillis: 5000,
      maxQueueSize: 2048,
      maxExportBatchSize: 512,
      exportTimeoutMillis: 30000,
    });
    expect(bad.warnings).toHaveLength(4);
    for (const name of [
      "OTEL_BSP_SCHEDULE_DELAY",
      "OTEL_BSP_MAX_QUEUE_SIZE",
      "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
      "OTEL_BSP_EXPORT_TIMEOUT",
    ]) {
      expect(bad.warnings.join("\n")).toContain(name);
    }
  });

  it("caps the export batch at the queue size", () => {
    expect(resolve({ OTEL_BSP_MAX_QUEUE_SIZE: "10" }).config.batch.maxExportBatchSize).toBe(10);
  });

  it("OTEL_SDK_DISABLED", () => {
    expect(resolve({ OTEL_SDK_DISABLED: "true" }).config.disabled).toBe(true);
    expect(resolve({ OTEL_SDK_DISABLED: "TRUE" }).config.disabled).toBe(true);
    expect(resolve({ OTEL_SDK_DISABLED: "false" }).config.disabled).toBe(false);
    const bad = resolve({ OTEL_SDK_DISABLED: "yes" });
    expect(bad.config.disabled).toBe(false);
    expect(bad.warnings[0]).toContain("OTEL_SDK_DISABLED");
  });

  it("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT / OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", () => {
    expect(
      resolve({ OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: "10", OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: "100" }).config.spanLimits,
    ).toEqual({ attributeCountLimit: 10, attributeValueLengthLimit: 100 });
    expect(resolve({ OTEL_ATTRIBUTE_COUNT_LIMIT: "5" }).config.spanLimits.attributeCountLimit).toBe(5);
    const bad = resolve({ OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: "0" });
    expect(bad.config.spanLimits.attributeValueLengthLimit).toBe(4096);
    expect(bad.warnings[0]).toContain("OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT");
  });
});

describe("resolveTracingConfig: explicit options", () => {
  it("win over the environment", () => {
    const { config } = resolve(
      {
        OTEL_SERVICE_NAME: "from-env",
        OTEL_TRACES_EXPORTER: "console",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://env:4318/v1/traces",
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
        OTEL_TRACES_SAMPLER: "always_off",
        OTEL_BSP_MAX_QUEUE_SIZE: "10",
        OTEL_SDK_DISABLED: "true",
      },
      {
        serviceName: "from-option",
        exporter: "otlp",
        endpoint: "http://option:4318/traces",
        protocol: "http/json",
        sampler: "traceidratio",
        samplerRatio: 0.5,
        batch: { maxQueueSize: 100 },
        disabled: false,
      },
    );
    expect(config.resourceAttributes["service.name"]).toBe("from-option");
    expect(config.exporters).toEqual(["otlp"]);
    expect(config.otlp.url).toBe("http://option:4318/traces");
    expect(config.otlp.protocol).toBe("http/json");
    expect(config.sampler).toEqual({ name: "traceidratio", ratio: 0.5 });
    expect(config.batch.maxQueueSize).toBe(100);
    expect(config.disabled).toBe(false);
  });

  it("throw a clear error naming the option and its variable when wrong", () => {
    const cases: [TracingOptions, RegExp][] = [
      [{ exporter: "jaeger" as never }, /option "exporter" \(or env OTEL_TRACES_EXPORTER\)/],
      [{ endpoint: "collector:4318" }, /option "endpoint" \(or env OTEL_EXPORTER_OTLP_TRACES_ENDPOINT\)/],
      [{ protocol: "grpc" as never }, /option "protocol" \(or env OTEL_EXPORTER_OTLP_PROTOCOL\)/],
      [{ sampler: "sometimes" as never }, /option "sampler" \(or env OTEL_TRACES_SAMPLER\)/],
      [{ samplerRatio: 2 }, /option "samplerRatio" \(or env OTEL_TRACES_SAMPLER_ARG\)/],
      [{ batch: { maxQueueSize: 0 } }, /option "batch.maxQueueSize" \(or env OTEL_BSP_MAX_QUEUE_SIZE\)/],
      [{ batch: { scheduledDelayMillis: -5 } }, /OTEL_BSP_SCHEDULE_DELAY/],
      [{ batch: { exportTimeoutMillis: 1.5 } }, /OTEL_BSP_EXPORT_TIMEOUT/],
      [{ batch: { maxQueueSize: 10, maxExportBatchSize: 20 } }, /exceeds "batch.maxQueueSize"/],
      [{ serviceName: "" }, /option "serviceName" \(or env OTEL_SERVICE_NAME\)/],
      [{ headers: { authorization: 1 as never } }, /option "headers"/],
      [{ disabled: "yes" as never }, /option "disabled" \(or env OTEL_SDK_DISABLED\)/],
      [{ shutdownTimeoutMillis: 0 }, /option "shutdownTimeoutMillis"/],
      [{ spanLimits: { attributeCountLimit: -1 } }, /OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT/],
    ];
    for (const [options, message] of cases) {
      expect(() => resolve({}, options), JSON.stringify(options)).toThrow(message);
    }
  });
});
