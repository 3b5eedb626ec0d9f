// Throughput and server CPU per request of a hello-world Express 5 route: bare, with @periscope/metrics,
// with express-prom-bundle. Interleaved rounds, one fresh server process per run, warmed up first.
// Settings: BENCH_ROUNDS (5), BENCH_DURATION seconds (5), BENCH_WARMUP seconds (2), BENCH_CONNECTIONS (50),
// BENCH_CPU_PROF (variants to run under `node --cpu-prof`, comma-separated; profiles go to bench/profiles).
import { mkdirSync } from "node:fs";
import autocannon from "autocannon";
import { coreAssignment, pinCurrentProcess, startServer } from "./lib/server-process.mjs";
import { formatNumber, formatTable, median, positiveIntegerFromEnv } from "./lib/stats.mjs";

const VARIANTS = ["bare", "periscope", "prom-bundle"];
const THROUGHPUT_GOAL = 0.95;

async function measureRun(variant, settings) {
  const server = await startServer(variant, { core: settings.cores?.server, nodeArguments: profileArguments(variant) });
  const load = { url: `${server.url}/hello`, connections: settings.connections };
  await autocannon({ ...load, duration: settings.warmup });
  await server.startCpuWindow();
  const result = await autocannon({ ...load, duration: settings.duration });
  const { cpuMicroseconds, wallMicroseconds } = await server.stopCpuWindow();
  const metricsText = variant === "bare" ? "" : await (await fetch(`${server.url}/metrics`)).text();
  await server.stop();

  const requests = result.requests.total;
  if (result.errors > 0 || result.non2xx > 0 || requests === 0) {
    throw new Error(`${variant}: ${requests} requests, ${result.errors} errors, ${result.non2xx} non-2xx responses`);
  }
  if (variant !== "bare" && !/(route|path)="\/hello"/.test(metricsText)) {
    throw new Error(`${variant}: /metrics does not show the /hello requests:\n${metricsText.slice(0, 2000)}`);
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

function summarize(runs) {
  const bareOf = (round) => runs.find((run) => run.round === round && run.variant === "bare");
  const perVariant = VARIANTS.map((variant) => {
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
  const sameRound = (variant) => (run) => runs.find((other) => other.round === run.round && other.variant === variant);
  const periscopeRuns = runs.filter((run) => run.variant === "periscope");
  const versusBundle = median(
    periscopeRuns.map((run) => run.requestsPerSecond / sameRound("prom-bundle")(run).requestsPerSecond),
  );
  return { perVariant, versusBundle };
}

function report({ perVariant, versusBundle }) {
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
  const periscope = perVariant.find((row) => row.variant === "periscope");
  const verdict = (holds) => (holds ? "holds" : "MISSED");
  console.log(
    `goal: periscope >= ${THROUGHPUT_GOAL} of bare throughput: ${formatNumber(periscope.throughputRatio, 3)} -> ${verdict(periscope.throughputRatio >= THROUGHPUT_GOAL)}`,
  );
  console.log(
    `goal: periscope not slower than express-prom-bundle: throughput ratio ${formatNumber(versusBundle, 3)} -> ${verdict(versusBundle >= 1)}`,
  );
}

async function main() {
  const settings = {
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
    `node ${process.version}, ${settings.rounds} rounds × ${VARIANTS.length} variants, ${settings.warmup} s warmup + ${settings.duration} s measured, ${settings.connections} connections, ${pinning}`,
  );

  const runs = [];
  for (let round = 0; round < settings.rounds; round++) {
    const order = [...VARIANTS.slice(round % VARIANTS.length), ...VARIANTS.slice(0, round % VARIANTS.length)];
    for (const variant of order) {
      const run = { round, variant, ...(await measureRun(variant, settings)) };
      runs.push(run);
      console.log(
        `round ${round + 1}/${settings.rounds} ${variant.padEnd(11)} ${formatNumber(run.requestsPerSecond).padStart(7)} req/s  ${formatNumber(run.cpuPerRequest, 1).padStart(6)} µs CPU/req  server CPU ${formatNumber(run.serverCpuShare * 100)} %`,
      );
    }
  }
  report(summarize(runs));
}

await main();
