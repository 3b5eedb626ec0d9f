// Throughput and server CPU per request of a hello-world Express 5 route, bare and with each variant of a
// suite (lib/suites.mjs): `node http-overhead.mjs metrics|tracing|logging`. Interleaved rounds, one fresh
// server process per run, warmed up first.
// Settings: BENCH_ROUNDS (5), BENCH_DURATION seconds (5), BENCH_WARMUP seconds (2), BENCH_CONNECTIONS (50),
// BENCH_CPU_PROF (variants to run under `node --cpu-prof`, comma-separated; profiles go to bench/profiles).
import { mkdirSync } from "node:fs";
import autocannon from "autocannon";
import { startOtlpSink } from "./lib/otlp-sink.mjs";
import { coreAssignment, pinCurrentProcess, startServer } from "./lib/server-process.mjs";
import { formatNumber, formatTable, median, positiveIntegerFromEnv } from "./lib/stats.mjs";
import { SUITES } from "./lib/suites.mjs";

async function measureRun(variant, settings) {
  const { nodeArguments = [], env = {}, check } = settings.suite.variants[variant];
  const server = await startServer(variant, {
    core: settings.cores?.server,
    nodeArguments: [...nodeArguments, ...profileArguments(variant)],
    env: { ...settings.env, ...env },
  });
  const load = { url: `${server.url}/hello`, connections: settings.connections };
  await autocannon({ ...load, duration: settings.warmup });
  await server.startCpuWindow();
  const result = await autocannon({ ...load, duration: settings.duration });
  const { cpuMicroseconds, wallMicroseconds, stats } = await server.stopCpuWindow();
  try {
    await check?.(server, stats, settings.sink);
  } catch (error) {
    throw new Error(`${variant}: ${error.message}`);
  } finally {
    await server.stop();
  }

  const requests = result.requests.total;
  if (result.errors > 0 || result.non2xx > 0 || requests === 0) {
    throw new Error(`${variant}: ${requests} requests, ${result.errors} errors, ${result.non2xx} non-2xx responses`);
  }
  return {
    requestsPerSecond: requests / result.duration,
    cpuPerRequest: cpuMicroseconds / requests,
    serverCpuShare: cpuMicroseconds / wallMicroseconds,
  };
}

function profileArguments(variant) {
  const profiled = (process.env.BENCH_CPU_PROF ?? "").split(",").map((name) => name.trim());
  if (!profiled.includes(variant)) return [];
  const directory = new URL("./profiles/", import.meta.url).pathname;
  mkdirSync(directory, { recursive: true });
  return ["--cpu-prof", `--cpu-prof-dir=${directory}`, `--cpu-prof-name=${variant}-${Date.now()}.cpuprofile`];
}

function summarize(runs, variants) {
  const bareOf = (round) => runs.find((run) => run.round === round && run.variant === "bare");
  const perVariant = variants.map((variant) => {
    const own = runs.filter((run) => run.variant === variant);
    const throughputRatios = own.map((run) => run.requestsPerSecond / bareOf(run.round).requestsPerSecond);
    const cpuRatios = own.map((run) => run.cpuPerRequest / bareOf(run.round).cpuPerRequest);
    return {
      variant,
      requestsPerSecond: median(own.map((run) => run.requestsPerSecond)),
      throughputRatio: median(throughputRatios),
      throughputRange: [Math.min(...throughputRatios), Math.max(...throughputRatios)],
      cpuPerRequest: median(own.map((run) => run.cpuPerRequest)),
      cpuRatio: median(cpuRatios),
      serverCpuShare: median(own.map((run) => run.serverCpuShare)),
    };
  });
  return perVariant;
}

/** The median over rounds of `variant`'s throughput divided by that of `of` in the same round. */
function ratioOf(runs, variant, of) {
  const ratios = runs
    .filter((run) => run.variant === variant)
    .map((run) => {
      const other = runs.find((candidate) => candidate.round === run.round && candidate.variant === of);
      return run.requestsPerSecond / other.requestsPerSecond;
    });
  return median(ratios);
}

function report(perVariant, runs, goals) {
  const rows = perVariant.map((row) => [
    row.variant,
    formatNumber(row.requestsPerSecond),
    `${formatNumber(row.throughputRatio, 3)} (${formatNumber(row.throughputRange[0], 3)}–${formatNumber(row.throughputRange[1], 3)})`,
    formatNumber(row.cpuPerRequest, 1),
    formatNumber(row.cpuRatio, 3),
    `${formatNumber(row.serverCpuShare * 100)} %`,
  ]);
  const header = [
    "variant",
    "median req/s",
    "ratio to bare (min–max)",
    "CPU µs/req",
    "CPU ratio to bare",
    "server CPU",
  ];
  console.log(`\n${formatTable(header, rows)}\n`);
  const verdict = (holds) => (holds ? "holds" : "MISSED");
  for (const goal of goals) {
    const ratio = ratioOf(runs, goal.variant, goal.of);
    console.log(
      `goal: ${goal.variant} >= ${goal.atLeast} of ${goal.of} throughput: ${formatNumber(ratio, 3)} -> ${verdict(ratio >= goal.atLeast)}`,
    );
  }
}

async function main() {
  const suiteName = process.argv[2] ?? "metrics";
  const suite = SUITES[suiteName];
  if (!suite) throw new Error(`unknown suite "${suiteName}"; expected one of ${Object.keys(SUITES).join(", ")}`);
  const variants = Object.keys(suite.variants);
  const sink = suite.otlpSink ? await startOtlpSink() : undefined;
  const settings = {
    suite,
    sink,
    env: sink ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } : {},
    rounds: positiveIntegerFromEnv("BENCH_ROUNDS", 5),
    duration: positiveIntegerFromEnv("BENCH_DURATION", 5),
    warmup: positiveIntegerFromEnv("BENCH_WARMUP", 2),
    connections: positiveIntegerFromEnv("BENCH_CONNECTIONS", 50),
    cores: coreAssignment(),
  };
  if (settings.cores) pinCurrentProcess(settings.cores.loadGenerator);
  const pinning = settings.cores
    ? `autocannon on core ${settings.cores.loadGenerator}, servers on core ${settings.cores.server}`
    : "not pinned (taskset or a second core missing)";
  console.log(
    `node ${process.version}, suite ${suiteName}, ${settings.rounds} rounds × ${variants.length} variants, ${settings.warmup} s warmup + ${settings.duration} s measured, ${settings.connections} connections, ${pinning}`,
  );

  const runs = [];
  for (let round = 0; round < settings.rounds; round++) {
    const order = [...variants.slice(round % variants.length), ...variants.slice(0, round % variants.length)];
    for (const variant of order) {
      const run = { round, variant, ...(await measureRun(variant, settings)) };
      runs.push(run);
      console.log(
        `round ${round + 1}/${settings.rounds} ${variant.padEnd(22)} ${formatNumber(run.requestsPerSecond).padStart(7)} req/s  ${formatNumber(run.cpuPerRequest, 1).padStart(6)} µs CPU/req  server CPU ${formatNumber(run.serverCpuShare * 100)} %`,
      );
    }
  }
  report(summarize(runs, variants), runs, suite.goals);
  await sink?.stop();
}

await main();
