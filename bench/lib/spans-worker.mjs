// One run of spans.mjs: `node lib/spans-worker.mjs <periscope|sdk> <spans> <OTLP traces URL>` creates that
// many spans (a name and four attributes each, a turn of the event loop every 1000 as a service would give),
// waits until the processor has exported or dropped them all, and sends the time and the processor's own
// count of dropped spans (undefined when it keeps none) to its parent.
import { SpanStatusCode } from "@opentelemetry/api";

const PROCESSORS = {
  /** @periscope/tracing as initTracing sets it up: its bounded batch processor, redaction, OTLP/protobuf. */
  async periscope(url) {
    const { initTracing } = await import("@periscope/tracing");
    const tracing = initTracing({
      serviceName: "bench",
      exporter: "otlp",
      endpoint: url,
      sampler: "always_on",
      instrumentations: { http: false },
    });
    return {
      tracer: tracing.tracer,
      finish: async () => {
        await tracing.forceFlush();
        await tracing.shutdown();
        return tracing.droppedSpans();
      },
    };
  },
  /** The SDK's BatchSpanProcessor with its defaults and the OTLP/protobuf exporter. */
  async sdk(url) {
    const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-proto");
    const { BatchSpanProcessor } = await import("@opentelemetry/sdk-trace-base");
    const { NodeTracerProvider } = await import("@opentelemetry/sdk-trace-node");
    const { resourceFromAttributes } = await import("@opentelemetry/resources");
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ "service.name": "bench" }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
    });
    return {
      tracer: provider.getTracer("bench"),
      finish: async () => {
        await provider.forceFlush();
        await provider.shutdown();
        return undefined;
      },
    };
  },
};

async function main() {
  const [name, count, url] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
  const create = PROCESSORS[name];
  if (!create || !Number.isInteger(count) || !url || !process.send) {
    throw new Error("started by spans.mjs: spans-worker.mjs <periscope|sdk> <spans> <url>");
  }
  const { tracer, finish } = await create(url);
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const span = tracer.startSpan("task.run", {
      attributes: { "task.id": `task-${index}`, "task.type": "summarize", "task.attempt": 1, "agent.id": "agent-7" },
    });
    span.setStatus({ code: SpanStatusCode.OK });
    span.end();
    if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  const createdMilliseconds = performance.now() - started;
  const dropped = await finish();
  process.send({ createdMilliseconds, totalMilliseconds: performance.now() - started, dropped });
  process.disconnect();
}

await main();
