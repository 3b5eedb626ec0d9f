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
});
