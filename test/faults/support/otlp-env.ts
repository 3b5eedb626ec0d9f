/** Environment that sends an app's spans as OTLP/HTTP JSON to `receiverUrl`, batched every 50 ms, every request sampled. */
export function otlpEnvironment(receiverUrl: string): Record<string, string> {
  return {
    OTEL_TRACES_EXPORTER: "otlp",
    OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_BSP_SCHEDULE_DELAY: "50",
    OTEL_TRACES_SAMPLER: "parentbased_always_on",
  };
}
