import { Writable } from "node:stream";
import { createLogger } from "@periscope/logging";
import { createMetrics } from "@periscope/metrics";
import type { DeliveryStats, SentryHandle } from "@periscope/sentry";
import type { ExportStats, TracingHandle } from "@periscope/tracing";
import { describe, expect, it } from "vitest";
import { registerTelemetryMetrics } from "./telemetry-metrics.js";

describe("registerTelemetryMetrics", () => {
  it("shows the spans and Sentry events the handles lost as counters that follow their stats", async () => {
    const spans: ExportStats = { queued: 0, exporting: 0, exported: 5, droppedQueueFull: 0, droppedExportFailed: 3 };
    const events: DeliveryStats = { sent: 0, failed: 2, dropped: { network_error: 2 } };
    const metrics = createMetrics({ exemplars: false });
    registerTelemetryMetrics(
      metrics,
      { stats: () => spans } as unknown as TracingHandle,
      { stats: () => events } as unknown as SentryHandle,
    );
    let text = await metrics.render();
    expect(text).toContain('periscope_tracing_spans_dropped_total{reason="export_failed"} 3');
    expect(text).toContain('periscope_tracing_spans_dropped_total{reason="queue_full"} 0');
    expect(text).toContain("periscope_tracing_spans_exported_total 5");
    expect(text).toContain("periscope_sentry_send_failures_total 2");
    expect(text).toContain('periscope_sentry_events_dropped_total{reason="network_error"} 2');

    spans.droppedQueueFull = 7;
    events.failed = 4;
    events.dropped.queue_overflow = 1;
    text = await metrics.render();
    expect(text).toContain('periscope_tracing_spans_dropped_total{reason="queue_full"} 7');
    expect(text).toContain('periscope_tracing_spans_dropped_total{reason="export_failed"} 3');
    expect(text).toContain("periscope_sentry_send_failures_total 4");
    expect(text).toContain('periscope_sentry_events_dropped_total{reason="queue_overflow"} 1');
  });

  it("shows the log records the logger dropped", async () => {
    const stuck = new Writable({ highWaterMark: 16, write: () => {} });
    const logger = createLogger({
      destination: stuck,
      format: "json",
      service: "t",
      maxBufferedBytes: 2_000,
      shutdownTimeoutMs: 100,
      onError: () => {},
    });
    const metrics = createMetrics({ exemplars: false });
    const idle = { stats: () => ({ exported: 0, droppedQueueFull: 0, droppedExportFailed: 0 }) };
    registerTelemetryMetrics(
      metrics,
      idle as unknown as TracingHandle,
      { stats: () => ({ sent: 0, failed: 0, dropped: {} }) } as unknown as SentryHandle,
      logger,
    );
    expect(await metrics.render()).toContain("periscope_logging_records_dropped_total 0");
    logger.info("first, written before the stream stops draining");
    // Past the few milliseconds the logger gathers lines for before a write.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let index = 0; index < 50; index++) logger.info("held or dropped", { padding: "y".repeat(200) });
    const dropped = logger.droppedRecords();
    expect(dropped).toBeGreaterThan(30);
    expect(await metrics.render()).toContain(`periscope_logging_records_dropped_total ${dropped}`);
    await logger.shutdown();
  });
});
