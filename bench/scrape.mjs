// Rendering a registry for a scrape: prom-client's registry.metrics() against Periscope's
// renderRegistryToString(registry, "prometheus"), for 100 and 100,000 series of a counter and a histogram.
// Reports the median wall time over N runs and the longest event-loop block seen in K renders, for
// Periscope both into one string and streamed chunk by chunk (what its /metrics handler does).
// Settings: BENCH_SMALL_RUNS (200), BENCH_LARGE_RUNS (7), BENCH_BLOCK_RUNS (3), BENCH_SLICE_MS (10).
import { renderRegistry, renderRegistryToString } from "@periscope/metrics";
import { longestEventLoopBlock } from "./lib/event-loop-block.mjs";
import { firstSampleDifference } from "./lib/exposition-samples.mjs";
import { buildRegistry } from "./lib/registries.mjs";
import { formatNumber, formatTable, median, positiveIntegerFromEnv } from "./lib/stats.mjs";

const SMALL = 100;
const LARGE = 100_000;
const BLOCK_GOAL_MS = 50;

function renderers(registry, sliceMilliseconds) {
  return {
    promClient: () => registry.metrics(),
    periscope: () => renderRegistryToString(registry, "prometheus", { sliceMilliseconds }),
    /** Like the /metrics handler: each chunk is handed on and dropped, the text is never held whole. */
    periscopeStreamed: async () => {
      let bytes = 0;
      for await (const chunk of renderRegistry(registry, "prometheus", { sliceMilliseconds })) bytes += chunk.length;
      return bytes;
    },
  };
}

async function timeOnce(render) {
  const start = performance.now();
  await render();
  return performance.now() - start;
}

async function worstBlock(render, runs) {
  let worst = 0;
  for (let run = 0; run < runs; run++) worst = Math.max(worst, await longestEventLoopBlock(render));
  return worst;
}

async function measureCase(kind, series, settings) {
  const registry = buildRegistry(kind, series);
  const render = renderers(registry, settings.sliceMilliseconds);
  const difference = firstSampleDifference(await render.promClient(), await render.periscope());
  if (difference) console.log(`  ${kind} × ${series}: samples differ at ${difference}`);

  const large = series === LARGE;
  const runs = large ? settings.largeRuns : settings.smallRuns;
  for (let run = 0; run < (large ? 1 : 50); run++) {
    await render.promClient();
    await render.periscope();
  }
  // Alternate the two renderers so that drift (GC state, CPU frequency) hits both alike.
  const promClientTimes = [];
  const periscopeTimes = [];
  for (let run = 0; run < runs; run++) {
    promClientTimes.push(await timeOnce(render.promClient));
    periscopeTimes.push(await timeOnce(render.periscope));
  }
  const blockRuns = large ? settings.blockRuns : 20;
  return {
    kind,
    series,
    runs,
    identical: !difference,
    promClientMs: median(promClientTimes),
    periscopeMs: median(periscopeTimes),
    promClientBlockMs: await worstBlock(render.promClient, blockRuns),
    periscopeBlockMs: await worstBlock(render.periscope, blockRuns),
    streamedBlockMs: await worstBlock(render.periscopeStreamed, blockRuns),
  };
}

function report(results, settings) {
  const milliseconds = (value) => formatNumber(value, value < 10 ? 2 : 1);
  const rows = results.map((result) => [
    `${result.kind} × ${formatNumber(result.series)}`,
    String(result.runs),
    milliseconds(result.promClientMs),
    milliseconds(result.periscopeMs),
    formatNumber(result.periscopeMs / result.promClientMs, 2),
    milliseconds(result.promClientBlockMs),
    milliseconds(result.periscopeBlockMs),
    milliseconds(result.streamedBlockMs),
    result.identical ? "yes" : "NO",
  ]);
  const header = [
    "registry",
    "runs",
    "prom-client ms",
    "periscope ms",
    "ratio",
    "prom-client block ms",
    "periscope block ms",
    "streamed block ms",
    "same samples",
  ];
  console.log(`\n${formatTable(header, rows)}\n`);
  console.log(
    `ms: median render time; ratio: periscope / prom-client; block: longest event-loop block in ${settings.blockRuns} renders (20 for ${SMALL} series)\n`,
  );
  const verdict = (holds) => (holds ? "holds" : "MISSED");
  for (const result of results.filter((entry) => entry.series === SMALL)) {
    const ratio = result.periscopeMs / result.promClientMs;
    console.log(
      `goal: ${result.kind} × ${SMALL} not slower than prom-client: ratio ${formatNumber(ratio, 2)} -> ${verdict(ratio <= 1.05)}`,
    );
  }
  for (const result of results.filter((entry) => entry.series === LARGE)) {
    for (const [how, block] of [
      ["into a string", result.periscopeBlockMs],
      ["streamed", result.streamedBlockMs],
    ]) {
      console.log(
        `goal: ${result.kind} × ${formatNumber(LARGE)} no block over ${BLOCK_GOAL_MS} ms (${how}, slice ${settings.sliceMilliseconds} ms): ${formatNumber(block, 1)} ms -> ${verdict(block <= BLOCK_GOAL_MS)}`,
      );
    }
  }
}

async function main() {
  const settings = {
    smallRuns: positiveIntegerFromEnv("BENCH_SMALL_RUNS", 200),
    largeRuns: positiveIntegerFromEnv("BENCH_LARGE_RUNS", 7),
    blockRuns: positiveIntegerFromEnv("BENCH_BLOCK_RUNS", 3),
    sliceMilliseconds: positiveIntegerFromEnv("BENCH_SLICE_MS", 10),
  };
  console.log(
    `node ${process.version}, ${settings.smallRuns} timed runs for ${SMALL} series and ${settings.largeRuns} for ${formatNumber(LARGE)}, Periscope slice ${settings.sliceMilliseconds} ms`,
  );
  const results = [];
  for (const kind of ["counter", "histogram"]) {
    for (const series of [SMALL, LARGE]) {
      const result = await measureCase(kind, series, settings);
      results.push(result);
      console.log(
        `${kind} × ${series}: prom-client ${formatNumber(result.promClientMs, 2)} ms, periscope ${formatNumber(result.periscopeMs, 2)} ms`,
      );
    }
  }
  report(results, settings);
}

await main();
