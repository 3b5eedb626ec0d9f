import type { Metrics } from "@periscope/metrics";
import type { SentryHandle } from "@periscope/sentry";
import type { TracingHandle } from "@periscope/tracing";
import { Counter } from "prom-client";

/** The telemetry pipeline's own losses, so a collector or DSN that is down shows on /metrics, not only in a log line. */
export const TELEMETRY_METRICS = {
  spansDropped: {
    name: "periscope_tracing_spans_dropped_total",
    help: "Spans lost before export: queue_full (the bounded queue was full) or export_failed (refused, error, timeout).",
    labelNames: ["reason"],
  },
  spansExported: {
    name: "periscope_tracing_spans_exported_total",
    help: "Spans the trace exporter accepted.",
    labelNames: [],
  },
  sentryDropped: {
    name: "periscope_sentry_events_dropped_total",
    help: "Sentry events not delivered, by reason (queue_overflow, network_error, ignored, sample_rate, ...).",
    labelNames: ["reason"],
  },
  logRecordsDropped: {
    name: "periscope_logging_records_dropped_total",
    help: "Log records that never reached stdout or the log file: dropped while it did not keep up, or lost to a failed write.",
    labelNames: [],
  },
  sentryFailed: {
    name: "periscope_sentry_send_failures_total",
    help: "Requests to the Sentry DSN that failed: refused, reset, a non-2xx answer, or no answer in time.",
    labelNames: [],
  },
} as const;

/**
 * Registers counters read at scrape time from `tracing.stats()` and `sentry.stats()`: each scrape adds what
 * the handles counted since the last one, so the values are real counters (they only go up).
 */
export function registerTelemetryMetrics(
  metrics: Metrics,
  tracing: TracingHandle,
  sentry: SentryHandle,
  logger?: { droppedRecords(): number },
): void {
  const registers = [metrics.registry];
  const seen = new Map<string, number>();
  const advance = (counter: Counter<string>, key: string, labels: Record<string, string> | undefined, now: number) => {
    const delta = now - (seen.get(key) ?? 0);
    if (delta <= 0) return;
    if (labels) counter.inc(labels, delta);
    else counter.inc(delta);
    seen.set(key, now);
  };
  const spansDropped: Counter<string> = new Counter({
    ...TELEMETRY_METRICS.spansDropped,
    labelNames: [...TELEMETRY_METRICS.spansDropped.labelNames],
    registers,
    collect() {
      const stats = tracing.stats();
      advance(spansDropped, "queue_full", { reason: "queue_full" }, stats.droppedQueueFull);
      advance(spansDropped, "export_failed", { reason: "export_failed" }, stats.droppedExportFailed);
    },
  });
  for (const reason of ["queue_full", "export_failed"]) spansDropped.inc({ reason }, 0);
  const spansExported: Counter<string> = new Counter({
    ...TELEMETRY_METRICS.spansExported,
    labelNames: [],
    registers,
    collect() {
      advance(spansExported, "exported", undefined, tracing.stats().exported);
    },
  });
  const sentryDropped: Counter<string> = new Counter({
    ...TELEMETRY_METRICS.sentryDropped,
    labelNames: [...TELEMETRY_METRICS.sentryDropped.labelNames],
    registers,
    collect() {
      for (const [reason, count] of Object.entries(sentry.stats().dropped)) {
        advance(sentryDropped, `sentry:${reason}`, { reason }, count);
      }
    },
  });
  const sentryFailed: Counter<string> = new Counter({
    ...TELEMETRY_METRICS.sentryFailed,
    labelNames: [],
    registers,
    collect() {
      advance(sentryFailed, "sentry_failed", undefined, sentry.stats().failed);
    },
  });
  if (logger) {
    const logRecordsDropped: Counter<string> = new Counter({
      ...TELEMETRY_METRICS.logRecordsDropped,
      labelNames: [],
      registers,
      collect() {
        advance(logRecordsDropped, "log_dropped", undefined, logger.droppedRecords());
      },
    });
  }
}
