// Spans per second created and exported over OTLP/HTTP (protobuf) to a local sink that answers at once:
// @periscope/tracing against the SDK's BatchSpanProcessor, both with their default queue (2048) and batch
// (512) sizes, each run in a fresh process (pinned to its own core when taskset allows). The sink counts
// the spans it received, so spans lost without a trace show up as "unaccounted".
// Settings: BENCH_ROUNDS (5; quick 1), BENCH_SPANS per run (200000; quick 20000).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { startOtlpSink } from "./lib/otlp-sink.mjs";
import { createReport } from "./lib/report.mjs";
import { coreAssignment, pinCurrentProcess } from "./lib/server-process.mjs";
import { numberSetting } from "./lib/settings.mjs";
import { formatNumber, median } from "./lib/stats.mjs";

const PROCESSORS = ["periscope", "sdk"];
const WORKER = new URL("./lib/spans-worker.mjs", import.meta.url).pathname;

async function measure(processor, spans, sink, cores) {
  const before = sink.counts();
  const command = [process.execPath, WORKER, processor, String(spans), `${sink.url}/v1/traces`];
  const [file, ...args] = cores ? ["taskset", "-c", String(cores.server), ...command] : command;
  const child = spawn(file, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let message;
  child.on("message", (received) => {
    message = received;
  });
  const [code] = await once(child, "exit");
  if (code !== 0 || !message) throw new Error(`${processor}: worker exited with code ${code}`);
  const received = sink.counts().spans - before.spans;
  return {
    spansPerSecond: spans / (message.totalMilliseconds / 1000),
    createdPerSecond: spans / (message.createdMilliseconds / 1000),
    exportedPerSecond: received / (message.totalMilliseconds / 1000),
    received,
    dropped: message.dropped,
    unaccounted: spans - received - (message.dropped ?? 0),
  };
}

async function main() {
  const rounds = numberSetting("BENCH_ROUNDS", { full: 5, quick: 1 });
  const spans = numberSetting("BENCH_SPANS", { full: 200_000, quick: 20_000 });
  const cores = coreAssignment();
  if (cores) pinCurrentProcess(cores.loadGenerator);
  const output = createReport("spans", "Spans per second exported over OTLP/HTTP");
  output.setting(
    `${rounds} interleaved rounds × ${PROCESSORS.length} processors, ${formatNumber(spans)} spans per run (a name and four attributes, a turn of the event loop every 1000), OTLP/HTTP protobuf to a sink on 127.0.0.1; ${cores ? `sink on core ${cores.loadGenerator}, spans on core ${cores.server}` : "not pinned"}`,
  );
  const sink = await startOtlpSink();
  const results = Object.fromEntries(PROCESSORS.map((processor) => [processor, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? PROCESSORS : [...PROCESSORS].reverse();
      for (const processor of order) {
        const run = await measure(processor, spans, sink, cores);
        results[processor].push(run);
        console.log(
          `round ${round + 1}/${rounds} ${processor.padEnd(10)} ${formatNumber(run.spansPerSecond).padStart(9)} spans/s, sink received ${run.received}, dropped (counted) ${run.dropped ?? "not reported"}, unaccounted ${run.unaccounted}`,
        );
      }
    }
  } finally {
    await sink.stop();
  }
  const label = { periscope: "@periscope/tracing (BoundedBatchSpanProcessor)", sdk: "SDK BatchSpanProcessor" };
  const rows = PROCESSORS.map((processor) => {
    const runs = results[processor];
    const dropped = runs.map((run) => run.dropped);
    return [
      label[processor],
      formatNumber(median(runs.map((run) => run.spansPerSecond))),
      formatNumber(median(runs.map((run) => run.createdPerSecond))),
      formatNumber(median(runs.map((run) => run.exportedPerSecond))),
      formatNumber(spans),
      formatNumber(median(runs.map((run) => run.received))),
      dropped.includes(undefined) ? "not reported" : formatNumber(median(dropped)),
      formatNumber(median(runs.map((run) => run.unaccounted))),
    ];
  });
  output.table(
    "Medians over the rounds. spans/s: created until the last was exported or dropped; created/s: the creating loop alone; exported/s: spans the sink received per second of the run; unaccounted: created − received − counted drops (lost silently).",
    [
      "processor",
      "spans/s",
      "created/s",
      "exported/s",
      "created",
      "received by sink",
      "dropped (counted)",
      "unaccounted",
    ],
    rows,
  );
  const silent = Math.max(...results.periscope.map((run) => run.unaccounted));
  output.goal(
    "@periscope/tracing drops no span silently (every created span exported or counted by droppedSpans())",
    `${formatNumber(silent)} unaccounted in the worst run`,
    silent === 0,
  );
  output.publish();
}

await main();
