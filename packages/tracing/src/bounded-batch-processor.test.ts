import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  type ReadableSpan,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { type BoundedBatchOptions, BoundedBatchSpanProcessor } from "./bounded-batch-processor.js";

/** An exporter whose answers the test controls. */
class ControlledExporter implements SpanExporter {
  batches: ReadableSpan[][] = [];
  pending: ((result: ExportResult) => void)[] = [];
  constructor(private readonly mode: "succeed" | "fail" | "hang" | "throw") {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    if (this.mode === "throw") throw new Error("exporter exploded");
    this.batches.push(spans);
    if (this.mode === "succeed") done({ code: ExportResultCode.SUCCESS });
    else if (this.mode === "fail") done({ code: ExportResultCode.FAILED, error: new Error("collector said no") });
    else this.pending.push(done);
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const providers: BasicTracerProvider[] = [];
afterEach(async () => {
  for (const provider of providers.splice(0)) await provider.shutdown();
});

function setUp(mode: ConstructorParameters<typeof ControlledExporter>[0], options: Partial<BoundedBatchOptions> = {}) {
  const exporter = new ControlledExporter(mode);
  const errors: Error[] = [];
  const drops: [number, string][] = [];
  const processor = new BoundedBatchSpanProcessor(exporter, {
    maxQueueSize: 10,
    maxExportBatchSize: 4,
    scheduledDelayMillis: 60_000,
    exportTimeoutMillis: 200,
    onError: (error) => errors.push(error),
    onDrop: (count, reason) => drops.push([count, reason]),
    ...options,
  });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  providers.push(provider);
  const tracer = provider.getTracer("test");
  const endSpans = (count: number) => {
    for (let index = 0; index < count; index++) tracer.startSpan(`span ${index}`).end();
  };
  return { exporter, processor, errors, drops, endSpans, provider };
}

describe("BoundedBatchSpanProcessor", () => {
  it("exports a full batch without waiting for the schedule, and the rest on flush", async () => {
    const { exporter, processor, endSpans } = setUp("succeed");
    endSpans(6);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(exporter.batches.map((batch) => batch.length)).toEqual([4]);
    await processor.forceFlush();
    expect(exporter.batches.map((batch) => batch.length)).toEqual([4, 2]);
    expect(processor.snapshot()).toMatchObject({ exported: 6, queued: 0, droppedQueueFull: 0, droppedExportFailed: 0 });
  });

  it("exports on the schedule when the batch is not full", async () => {
    const { exporter, endSpans } = setUp("succeed", { scheduledDelayMillis: 30 });
    endSpans(2);
    expect(exporter.batches).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(exporter.batches.map((batch) => batch.length)).toEqual([2]);
  });

  it("drops and counts spans beyond the queue bound while an export hangs", async () => {
    const { exporter, processor, drops, endSpans } = setUp("hang");
    endSpans(4);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(processor.snapshot()).toMatchObject({ exporting: 4, queued: 0 });
    endSpans(30);
    const stats = processor.snapshot();
    expect(stats).toMatchObject({ queued: 10, exporting: 4, droppedQueueFull: 20 });
    expect(drops.reduce((sum, [count]) => sum + count, 0)).toBe(20);
    expect(drops.every(([, reason]) => reason === "queue_full")).toBe(true);
    expect(exporter.batches).toHaveLength(1);
  });

  it("gives up on an export after the timeout, counts its spans as lost and reports it", async () => {
    const { processor, errors, drops, endSpans } = setUp("hang", { exportTimeoutMillis: 50 });
    endSpans(4);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(processor.snapshot()).toMatchObject({ exporting: 0, droppedExportFailed: 4 });
    expect(errors[0]?.message).toContain("timed out after 50 ms");
    expect(drops).toContainEqual([4, "export_failed"]);
  });

  it("counts failed and throwing exports, never rejecting", async () => {
    for (const mode of ["fail", "throw"] as const) {
      const { processor, errors, endSpans } = setUp(mode);
      endSpans(3);
      await expect(processor.forceFlush()).resolves.toBeUndefined();
      expect(processor.snapshot()).toMatchObject({ exported: 0, droppedExportFailed: 3 });
      expect(errors).toHaveLength(1);
    }
  });

  it("ignores unsampled spans and spans ended after shutdown", async () => {
    const exporter = new ControlledExporter("succeed");
    const processor = new BoundedBatchSpanProcessor(exporter, {
      maxQueueSize: 10,
      maxExportBatchSize: 4,
      scheduledDelayMillis: 10,
      exportTimeoutMillis: 100,
    });
    const provider = new BasicTracerProvider({ spanProcessors: [processor], sampler: new AlwaysOffSampler() });
    provider.getTracer("t").startSpan("unsampled").end();
    await processor.shutdown();
    await processor.shutdown();
    expect(processor.snapshot()).toMatchObject({ exported: 0, queued: 0 });
    expect(exporter.batches).toHaveLength(0);
  });

  it("keeps reporting to onError when onDrop throws", async () => {
    const { processor, errors, endSpans } = setUp("hang", {
      maxQueueSize: 1,
      maxExportBatchSize: 1,
      onDrop: () => {
        throw new Error("bad hook");
      },
    });
    endSpans(5);
    expect(processor.snapshot().droppedQueueFull).toBeGreaterThan(0);
    expect(errors.some((error) => error.message === "bad hook")).toBe(true);
  });
});
