// Rendering a registry for a scrape: prom-client's registry.metrics() against Periscope's renderer, for
// 1k, 10k and 100k counter series and 1k histogram series, in the Prometheus text format and in OpenMetrics
// with an exemplar on every sample. Reports the median wall time over N renders and the longest event-loop
// block seen in K renders, for Periscope both into one string and streamed chunk by chunk (what its /metrics
// handler does), and whether both renderers wrote the same samples.
// Settings: BENCH_SMALL_RUNS (200; quick 10) for up to 10k series, BENCH_LARGE_RUNS (7) for 100k,
// BENCH_BLOCK_RUNS (3; quick 2), BENCH_SLICE_MS (10). Quick mode renders only the 1k registries.
import { renderRegistry, renderRegistryToString } from "@periscope/metrics";
import { longestEventLoopBlock } from "./lib/event-loop-block.mjs";
import { firstSampleDifference } from "./lib/exposition-samples.mjs";
import { buildRegistry } from "./lib/registries.mjs";
import { createReport } from "./lib/report.mjs";
import { isQuick, numberSetting } from "./lib/settings.mjs";
import { formatNumber, median } from "./lib/stats.mjs";

const LARGE = 100_000;
const BLOCK_GOAL_MS = 50;
const FULL_CASES = [
  ["counter", 1_000],
  ["counter", 10_000],
  ["counter", LARGE],
  ["histogram", 1_000],
];
const QUICK_CASES = [
  ["counter", 1_000],
  ["histogram", 1_000],
];
const FORMATS = [
  { name: "Prometheus text", format: "prometheus", exemplars: false },
  { name: "OpenMetrics with exemplars", format: "openmetrics", exemplars: true },
];

function renderers(registry, format, sliceMilliseconds) {
  return {
    promClient: () => registry.metrics(),
    periscope: () => renderRegistryToString(registry, format, { sliceMilliseconds }),
    /** Like the /metrics handler: each chunk is handed on and dropped, the text is never held whole. */
    periscopeStreamed: async () => {
      let bytes = 0;
      for await (const chunk of renderRegistry(registry, format, { sliceMilliseconds })) bytes += chunk.length;
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

async function measureCase(kind, series, formatCase, settings) {
  const registry = buildRegistry(kind, series, { exemplars: formatCase.exemplars });
  const render = renderers(registry, formatCase.format, settings.sliceMilliseconds);
  const difference = firstSampleDifference(await render.promClient(), await render.periscope());
  if (difference) console.log(`  ${kind} × ${series} (${formatCase.name}): samples differ at ${difference}`);

  const large = series >= LARGE;
  const runs = large ? settings.largeRuns : settings.smallRuns;
  for (let run = 0; run < (large ? 1 : Math.min(50, runs)); run++) {
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
  return {
    kind,
    series,
    format: formatCase.name,
    runs,
    identical: !difference,
    promClientMs: median(promClientTimes),
    periscopeMs: median(periscopeTimes),
    promClientBlockMs: await worstBlock(render.promClient, settings.blockRuns),
    periscopeBlockMs: await worstBlock(render.periscope, settings.blockRuns),
    streamedBlockMs: await worstBlock(render.periscopeStreamed, settings.blockRuns),
  };
}

function report(output, results) {
  const milliseconds = (value) => formatNumber(value, value < 10 ? 2 : 1);
  for (const formatCase of FORMATS) {
    const rows = results
      .filter((result) => result.format === formatCase.name)
      .map((result) => [
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
    output.table(
      `${formatCase.name}. ms: median render time; ratio: Periscope / prom-client; block: longest event-loop block in any of the timed block renders; streamed: chunks handed on as the /metrics handler does.`,
      [
        "registry",
        "runs",
        "prom-client ms",
        "periscope ms",
        "ratio",
        "prom-client block ms",
        "periscope block ms",
        "streamed block ms",
        "same samples",
      ],
      rows,
    );
  }
  for (const result of results) {
    const ratio = result.periscopeMs / result.promClientMs;
    output.goal(
      `${result.kind} × ${formatNumber(result.series)} (${result.format}) renders no slower than prom-client (ratio ≤ 1.05)`,
      formatNumber(ratio, 2),
      ratio <= 1.05,
    );
  }
  for (const formatCase of FORMATS) {
    const large = results.find((result) => result.series === LARGE && result.format === formatCase.name);
    output.goal(
      `a ${formatNumber(LARGE)}-series scrape (${formatCase.name}, streamed) never blocks the event loop over ${BLOCK_GOAL_MS} ms`,
      large ? `${formatNumber(large.streamedBlockMs, 1)} ms` : "not run (quick mode)",
      large ? large.streamedBlockMs <= BLOCK_GOAL_MS : undefined,
    );
  }
}

async function main() {
  const settings = {
    smallRuns: numberSetting("BENCH_SMALL_RUNS", { full: 200, quick: 10 }),
    largeRuns: numberSetting("BENCH_LARGE_RUNS", { full: 7 }),
    blockRuns: numberSetting("BENCH_BLOCK_RUNS", { full: 3, quick: 2 }),
    sliceMilliseconds: numberSetting("BENCH_SLICE_MS", { full: 10 }),
  };
  const cases = isQuick() ? QUICK_CASES : FULL_CASES;
  const output = createReport("scrape", "Rendering /metrics: large registries");
  output.setting(
    `${settings.smallRuns} timed renders up to 10k series, ${settings.largeRuns} for ${formatNumber(LARGE)}, ${settings.blockRuns} renders per block measurement, Periscope slice ${settings.sliceMilliseconds} ms; each registry holds one metric with three labels (histograms: default buckets)`,
  );
  const results = [];
  for (const formatCase of FORMATS) {
    for (const [kind, series] of cases) {
      const result = await measureCase(kind, series, formatCase, settings);
      results.push(result);
      console.log(
        `${formatCase.name}, ${kind} × ${series}: prom-client ${formatNumber(result.promClientMs, 2)} ms, periscope ${formatNumber(result.periscopeMs, 2)} ms, streamed block ${formatNumber(result.streamedBlockMs, 1)} ms`,
      );
    }
  }
  report(output, results);
  output.publish();
}

await main();
