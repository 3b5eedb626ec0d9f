import { context, TraceFlags } from "@opentelemetry/api";
import { ExportResultCode, suppressTracing } from "@opentelemetry/core";
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { DropReason } from "./options.js";

export interface BoundedBatchOptions {
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  exportTimeoutMillis: number;
  onDrop?: (count: number, reason: DropReason) => void;
  onError?: (error: Error) => void;
}

export interface ExportStats {
  /** Spans waiting in the queue now (never more than maxQueueSize). */
  queued: number;
  /** Spans of the export running now. */
  exporting: number;
  /** Spans the exporter accepted. */
  exported: number;
  /** Spans dropped because the queue was full. */
  droppedQueueFull: number;
  /** Spans lost because their export failed or timed out. */
  droppedExportFailed: number;
}

/**
 * A batch span processor that never lets the exporter slow the app: a bounded queue (full → the span
 * is dropped and counted), one export at a time with a deadline, unref'd timers, and failures sent to
 * `onError` instead of OpenTelemetry's global handler. Unlike the SDK's BatchSpanProcessor, it counts
 * every lost span, so `exported + dropped + queued + exporting` always equals the sampled spans ended.
 */
export class BoundedBatchSpanProcessor implements SpanProcessor {
  private queue: ReadableSpan[] = [];
  private readonly stats: ExportStats = {
    queued: 0,
    exporting: 0,
    exported: 0,
    droppedQueueFull: 0,
    droppedExportFailed: 0,
  };
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private shutdownPromise: Promise<void> | undefined;

  constructor(
    private readonly exporter: SpanExporter,
    private readonly options: BoundedBatchOptions,
  ) {}

  onStart(_span: Span): void {}

  onEnd(span: ReadableSpan): void {
    if (this.stopped || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.queue.length >= this.options.maxQueueSize) {
      this.stats.droppedQueueFull++;
      this.notifyDrop(1, "queue_full");
      return;
    }
    this.queue.push(span);
    if (this.running) return;
    if (this.queue.length >= this.options.maxExportBatchSize) this.schedule(0);
    else if (this.timer === undefined) this.schedule(this.options.scheduledDelayMillis);
  }

  /** Exports everything queued now, waiting for the export already running. Never rejects. */
  async forceFlush(): Promise<void> {
    await this.running;
    let batches = Math.ceil(this.queue.length / this.options.maxExportBatchSize);
    while (batches-- > 0 && this.queue.length > 0) {
      this.clearTimer();
      await this.exportOneBatch();
    }
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.forceFlush().then(() => {
      this.stopped = true;
      this.clearTimer();
      return this.exporter.shutdown().catch((error: unknown) => this.reportError(error));
    });
    return this.shutdownPromise;
  }

  snapshot(): ExportStats {
    return { ...this.stats, queued: this.queue.length };
  }

  private schedule(delay: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.exportOneBatch();
    }, delay);
    this.timer.unref();
  }

  private afterExport(): void {
    if (this.stopped || this.running || this.queue.length === 0) return;
    this.schedule(this.queue.length >= this.options.maxExportBatchSize ? 0 : this.options.scheduledDelayMillis);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private exportOneBatch(): Promise<void> {
    if (this.running) return this.running;
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue.splice(0, this.options.maxExportBatchSize);
    this.stats.exporting = batch.length;
    this.running = this.exportWithDeadline(batch)
      .then(
        () => {
          this.stats.exported += batch.length;
        },
        (error: unknown) => {
          this.stats.droppedExportFailed += batch.length;
          this.notifyDrop(batch.length, "export_failed");
          this.reportError(error);
        },
      )
      .finally(() => {
        this.stats.exporting = 0;
        this.running = undefined;
        this.afterExport();
      });
    return this.running;
  }

  private exportWithDeadline(batch: ReadableSpan[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => {
        reject(
          new Error(`span export timed out after ${this.options.exportTimeoutMillis} ms (${batch.length} spans lost)`),
        );
      }, this.options.exportTimeoutMillis);
      deadline.unref();
      // The exporter's own HTTP request must not be traced (it would feed spans back into this queue).
      context.with(suppressTracing(context.active()), () => {
        try {
          this.exporter.export(batch, (result) => {
            clearTimeout(deadline);
            if (result.code === ExportResultCode.SUCCESS) resolve();
            else reject(result.error ?? new Error(`span export failed (${batch.length} spans lost)`));
          });
        } catch (error) {
          clearTimeout(deadline);
          reject(error);
        }
      });
    });
  }

  private notifyDrop(count: number, reason: DropReason): void {
    if (!this.options.onDrop) return;
    try {
      this.options.onDrop(count, reason);
    } catch (error) {
      this.reportError(error);
    }
  }

  private reportError(error: unknown): void {
    this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
  }
}
