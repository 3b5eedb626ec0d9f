// Throughput, server CPU per request and peak RSS of a hello-world Express 5 route, bare and with each variant
// of a suite (lib/suites.mjs): `node http-overhead.mjs metrics|tracing|logging|sentry|full-stack|faults`.
// Rounds; in each, one fresh server process per variant, all warmed up, then measured in short windows taken in
// turn, so bare and each variant are measured seconds apart; ratios to bare of the same round.
// Settings: BENCH_ROUNDS (5; quick 1), BENCH_DURATION seconds measured per variant and round (5; quick 1),
// BENCH_WINDOW seconds (1) after BENCH_WINDOW_WARMUP seconds unmeasured (0.5; quick 0.2), BENCH_WARMUP seconds
// (10; quick 0.5), BENCH_CONNECTIONS (50; quick 20), BENCH_MAX_STEAL percent (2; quick: no limit) and
// BENCH_RETRIES (2): a cycle of windows during which the host stole more of a core's time is measured again;
// BENCH_CPU_PROF (variants to run under `node --cpu-prof`, comma-separated; profiles go to bench/profiles).
import { mkdirSync } from "node:fs";
import autocannon from "autocannon";
import { startFaultEndpoints } from "./lib/fault-endpoints.mjs";
import { startOtlpSink } from "./lib/otlp-sink.mjs";
import { formatMegabytes } from "./lib/peak-rss.mjs";
import { createReport } from "./lib/report.mjs";
import { coreAssignment, pinCurrentProcess, startServer } from "./lib/server-process.mjs";
import { numberSetting } from "./lib/settings.mjs";
import { formatNumber, median } from "./lib/stats.mjs";
import { startStealWindow } from "./lib/steal.mjs";
import { SUITES } from "./lib/suites.mjs";

const WARMUP_TURN_SECONDS = 2;

/** Starts one variant's server (with an OTLP sink of its own when the suite has one), not yet warmed. */
async function startVariant(variant, settings) {
  const { module = variant, nodeArguments = [], env = {}, faultEnv } = settings.suite.variants[variant];
  const sink = settings.suite.otlpSink ? await startOtlpSink() : undefined;
  try {
    const server = await startServer(module, {
      core: settings.cores?.server,
      nodeArguments: [...nodeArguments, ...profileArguments(variant)],
      env: {
        ...(sink ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } : {}),
        ...env,
        ...faultEnv?.(settings.faults),
      },
    });
    return { variant, server, sink, requests: 0, seconds: 0, cpuMicroseconds: 0, wallMicroseconds: 0, steals: [] };
  } catch (error) {
    await sink?.stop();
    throw new Error(`${variant}: ${error.message}`);
  }
}

function loadOf(entry, settings, duration) {
  return { url: `${entry.server.url}/hello`, connections: settings.connections, duration };
}

/** One measured window of one variant: its requests, their time, the server's CPU and the host's steal. */
async function measureWindow(entry, settings) {
  entry.server.resume();
  // A server idle while the others were measured answers its first half second or so slower (up to half as fast
  // after a long pause): caches went cold, timers due meanwhile fire. That part is not measured.
  await autocannon(loadOf(entry, settings, settings.windowWarmup));
  await entry.server.startCpuWindow();
  const stealWindow = startStealWindow(settings.cores && [settings.cores.server, settings.cores.loadGenerator]);
  const result = await autocannon(loadOf(entry, settings, settings.window));
  const steal = stealWindow.stop();
  const cpu = await entry.server.stopCpuWindow();
  entry.server.pause();
  if (result.errors > 0 || result.non2xx > 0 || result.requests.total === 0) {
    throw new Error(
      `${entry.variant}: ${result.requests.total} requests, ${result.errors} errors, ${result.non2xx} non-2xx responses`,
    );
  }
  return {
    entry,
    requests: result.requests.total,
    seconds: result.duration,
    cpuMicroseconds: cpu.cpuMicroseconds,
    wallMicroseconds: cpu.wallMicroseconds,
    steal,
  };
}

/**
 * One cycle: a window of every variant in turn. A cycle during which the host stole more than allowed from
 * either core is measured again; the least disturbed attempt counts.
 */
async function measureCycle(entries, settings) {
  let kept;
  for (let attempt = 0; attempt <= settings.retries; attempt++) {
    const windows = [];
    for (const entry of entries) windows.push(await measureWindow(entry, settings));
    const steal = Math.max(...windows.map((window) => window.steal ?? 0));
    if (kept === undefined || steal < kept.steal) kept = { windows, steal };
    if (kept.steal <= settings.maxSteal) break;
    if (attempt < settings.retries) console.log(`  ${formatPercent(steal)} stolen by the host, cycle measured again`);
  }
  for (const window of kept.windows) {
    const { entry } = window;
    entry.requests += window.requests;
    entry.seconds += window.seconds;
    entry.cpuMicroseconds += window.cpuMicroseconds;
    entry.wallMicroseconds += window.wallMicroseconds;
    entry.steals.push(window.steal);
  }
}

/** Checks that the server did its work, reads its peak RSS, stops it, then checks what its sink received. */
async function finishVariant(entry, settings) {
  const { check, checkSink } = settings.suite.variants[entry.variant];
  entry.server.resume();
  try {
    // The server reports its stats (lines logged, events sent) with its CPU time.
    const { stats } = await entry.server.stopCpuWindow();
    await check?.(entry.server, stats);
    entry.peakRss = entry.server.peakRssBytes();
    await entry.server.stop();
    checkSink?.({ counts: entry.sink.counts(), spanNames: entry.sink.spanNames() });
  } catch (error) {
    throw new Error(`${entry.variant}: ${error.message}`);
  }
}

/**
 * One round: every variant's server started and warmed, then measured in short windows taken in turn (the
 * order rotated from cycle to cycle), so that bare and each variant are measured seconds apart and a change
 * in the host's load falls on all of them alike.
 */
async function measureRound(order, settings) {
  const entries = [];
  try {
    // Only the server under load runs: the others are paused (SIGSTOP), so their timers and background work
    // (an event-loop delay monitor, a span batch processor) take nothing from it on the shared core.
    for (const variant of order) {
      const entry = await startVariant(variant, settings);
      entries.push(entry);
      entry.server.pause();
    }
    // Warmed in turn as well, so that none waits long idle for the first window.
    const warmupTurns = Math.max(1, Math.ceil(settings.warmup / WARMUP_TURN_SECONDS));
    for (let turn = 0; turn < warmupTurns; turn++) {
      for (const entry of entries) {
        entry.server.resume();
        await autocannon(loadOf(entry, settings, settings.warmup / warmupTurns));
        entry.server.pause();
      }
    }
    for (let cycle = 0; cycle < settings.cycles; cycle++) {
      const shift = cycle % entries.length;
      await measureCycle([...entries.slice(shift), ...entries.slice(0, shift)], settings);
    }
    for (const entry of entries) await finishVariant(entry, settings);
  } finally {
    await Promise.all(
      entries.map(async (entry) => {
        await entry.server.stop();
        await entry.sink?.stop();
      }),
    );
  }
  return entries.map((entry) => ({
    variant: entry.variant,
    requestsPerSecond: entry.requests / entry.seconds,
    cpuPerRequest: entry.cpuMicroseconds / entry.requests,
    serverCpuShare: entry.cpuMicroseconds / entry.wallMicroseconds,
    peakRss: entry.peakRss,
    steal: entry.steals.includes(undefined) ? undefined : Math.max(...entry.steals),
  }));
}

function formatPercent(share) {
  return share === undefined ? "–" : `${formatNumber(share * 100, 1)} %`;
}

function profileArguments(variant) {
  const profiled = (process.env.BENCH_CPU_PROF ?? "").split(",").map((name) => name.trim());
  if (!profiled.includes(variant)) return [];
  const directory = new URL("./profiles/", import.meta.url).pathname;
  mkdirSync(directory, { recursive: true });
  return ["--cpu-prof", `--cpu-prof-dir=${directory}`, `--cpu-prof-name=${variant}-${Date.now()}.cpuprofile`];
}

/** The per-round ratios of `variant`'s throughput to that of `of` in the same round. */
function ratiosOf(runs, variant, of, field = "requestsPerSecond") {
  return runs
    .filter((run) => run.variant === variant)
    .map((run) => {
      const other = runs.find((candidate) => candidate.round === run.round && candidate.variant === of);
      return run[field] / other[field];
    });
}

function summarize(runs, variants) {
  return variants.map((variant) => {
    const own = runs.filter((run) => run.variant === variant);
    const throughputRatios = ratiosOf(runs, variant, "bare");
    const peakRss = own.map((run) => run.peakRss).filter((bytes) => bytes !== undefined);
    return {
      variant,
      requestsPerSecond: median(own.map((run) => run.requestsPerSecond)),
      throughputRatio: median(throughputRatios),
      throughputRange: [Math.min(...throughputRatios), Math.max(...throughputRatios)],
      cpuPerRequest: median(own.map((run) => run.cpuPerRequest)),
      cpuRatio: median(ratiosOf(runs, variant, "bare", "cpuPerRequest")),
      serverCpuShare: median(own.map((run) => run.serverCpuShare)),
      peakRss: peakRss.length > 0 ? median(peakRss) : undefined,
      steal: own.some((run) => run.steal === undefined) ? undefined : median(own.map((run) => run.steal)),
    };
  });
}

function report(output, perVariant, runs, goals) {
  const rows = perVariant.map((row) => [
    row.variant,
    formatNumber(row.requestsPerSecond),
    `${formatNumber(row.throughputRatio, 3)} (${formatNumber(row.throughputRange[0], 3)}–${formatNumber(row.throughputRange[1], 3)})`,
    formatNumber(row.cpuPerRequest, 1),
    formatNumber(row.cpuRatio, 3),
    `${formatNumber(row.serverCpuShare * 100)} %`,
    formatMegabytes(row.peakRss),
    formatPercent(row.steal),
  ]);
  output.table(
    "Medians over the rounds; ratios are medians of per-round ratios to bare (min–max over rounds); stolen by host: the share of a core's time the hypervisor gave to other guests (/proc/stat), the largest over a variant's windows of a round.",
    [
      "variant",
      "req/s",
      "throughput ratio to bare (min–max)",
      "CPU µs/req",
      "CPU ratio to bare",
      "server CPU",
      "peak RSS MB",
      "stolen by host",
    ],
    rows,
  );
  for (const goal of goals) {
    const ratio = median(ratiosOf(runs, goal.variant, goal.of));
    // The same share from CPU time per request (steadier on a shared machine): their CPU µs over ours.
    const cpuShare = median(ratiosOf(runs, goal.of, goal.variant, "cpuPerRequest"));
    const label = goal.label ? ` (${goal.label})` : "";
    output.goal(
      `${goal.variant} >= ${goal.atLeast} of ${goal.of} throughput${label}`,
      `${formatNumber(ratio, 3)} (from CPU µs/req: ${formatNumber(cpuShare, 3)})`,
      ratio >= goal.atLeast,
    );
  }
}

async function main() {
  const suiteName = process.argv[2] ?? "metrics";
  const suite = SUITES[suiteName];
  if (!suite) throw new Error(`unknown suite "${suiteName}"; expected one of ${Object.keys(SUITES).join(", ")}`);
  const variants = Object.keys(suite.variants);
  const faults = suite.faultEndpoints ? await startFaultEndpoints() : undefined;
  const settings = {
    suite,
    faults,
    rounds: numberSetting("BENCH_ROUNDS", { full: 5, quick: 1 }),
    duration: numberSetting("BENCH_DURATION", { full: 5, quick: 1, integer: false }),
    // Long enough for V8 to finish compiling paths a request takes rarely (the sampled one of tracing at 10 %):
    // after 2 s it was still compiling them, at about 28,000 instructions a request (see README.md).
    warmup: numberSetting("BENCH_WARMUP", { full: 10, quick: 0.5, integer: false }),
    // Each variant's measured time comes in windows this long, taken in turn with the other variants'.
    window: numberSetting("BENCH_WINDOW", { full: 1, quick: 1, integer: false }),
    windowWarmup: numberSetting("BENCH_WINDOW_WARMUP", { full: 0.5, quick: 0.2, integer: false }),
    connections: numberSetting("BENCH_CONNECTIONS", { full: 50, quick: 20 }),
    maxSteal: numberSetting("BENCH_MAX_STEAL", { full: 2, quick: 100, integer: false }) / 100,
    retries: numberSetting("BENCH_RETRIES", { full: 2, quick: 1 }),
    cores: coreAssignment(),
  };
  settings.cycles = Math.max(1, Math.round(settings.duration / settings.window));
  if (settings.cores) pinCurrentProcess(settings.cores.loadGenerator);
  const pinning = settings.cores
    ? `autocannon on core ${settings.cores.loadGenerator}, servers on core ${settings.cores.server}`
    : "not pinned (taskset or a second core missing)";
  const output = createReport(`http-${suiteName}`, suite.title);
  const { cycles } = settings;
  output.setting(
    `${settings.rounds} rounds × ${variants.length} variants; each round starts a fresh server process per variant, warms each up for ${settings.warmup} s (in turns of up to ${WARMUP_TURN_SECONDS} s), then measures them in turn, ${cycles} window${cycles === 1 ? "" : "s"} of ${settings.window} s each, each after ${settings.windowWarmup} s unmeasured (order rotated from one cycle of windows to the next; rounds start at another variant); ${settings.connections} connections, ${pinning}${settings.maxSteal < 1 ? `; a cycle during which the host stole more than ${formatPercent(settings.maxSteal)} of either core's time is measured again (up to ${settings.retries} times, the least disturbed kept)` : ""}`,
  );

  const runs = [];
  try {
    for (let round = 0; round < settings.rounds; round++) {
      const order = [...variants.slice(round % variants.length), ...variants.slice(0, round % variants.length)];
      for (const run of await measureRound(order, settings)) {
        runs.push({ round, ...run });
        console.log(
          `round ${round + 1}/${settings.rounds} ${run.variant.padEnd(28)} ${formatNumber(run.requestsPerSecond).padStart(7)} req/s  ${formatNumber(run.cpuPerRequest, 1).padStart(6)} µs CPU/req  server CPU ${formatNumber(run.serverCpuShare * 100)} %  peak RSS ${formatMegabytes(run.peakRss)} MB  stolen ${formatPercent(run.steal)}`,
        );
      }
    }
  } finally {
    await faults?.stop();
  }
  report(output, summarize(runs, variants), runs, suite.goals);
  output.publish();
}

await main();
