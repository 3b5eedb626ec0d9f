// Garbage collection per request of each variant: how often V8 scavenges (a steady sign of how much a request
// allocates) and how long its collections pause the server, with the old generation's size beside it. A
// diagnostic, not part of `pnpm bench`; it asserts nothing.
//   node bench/gc.mjs [--requests 20000] [--warmup 20000] [--rounds 3] bare <variant...>
// Each round starts one server per variant in turn (pinned like the timed runs, with lib/gc-observer.mjs
// preloaded), warms it up, then counts the collections over `--requests` (autocannon, 50 connections); medians
// over the rounds. Pause times move with the machine's noise; the counts barely do. A scavenge copies what is
// still alive and promotes what survived one before, so its pause grows with the old generation too: compare
// variants of similar size, or read the old-space column beside it.
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { startOtlpSink } from "./lib/otlp-sink.mjs";
import { coreAssignment, pinCurrentProcess, startServer } from "./lib/server-process.mjs";
import { formatNumber, formatTable, median } from "./lib/stats.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: "string", default: "20000" },
    warmup: { type: "string", default: "20000" },
    rounds: { type: "string", default: "3" },
  },
});
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);
for (const [name, value, least] of [
  ["--requests", requests, 1000],
  ["--warmup", warmup, 0],
  ["--rounds", rounds, 1],
]) {
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be an integer >= ${least}`);
}
const variants = positionals.length > 0 ? positionals : ["bare"];
const observer = ["--import", new URL("./lib/gc-observer.mjs", import.meta.url).href];
const cores = coreAssignment();

async function collections(variant, env) {
  const server = await startServer(variant, { core: cores?.server, nodeArguments: observer, env });
  const load = { url: `${server.url}/hello`, connections: 50 };
  try {
    if (warmup > 0) await autocannon({ ...load, amount: warmup });
    await server.ask({ type: "gc-start" }, "gc-started");
    const result = await autocannon({ ...load, amount: requests });
    const gc = await server.ask({ type: "gc-stop" }, "gc");
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${variant}: ${result.non2xx + result.errors} failed requests`);
    return {
      scavengesPer10k: (gc.minor.count * 10_000) / requests,
      scavengeMicroseconds: (gc.minor.milliseconds * 1000) / requests,
      majorPer10k: (gc.major.count * 10_000) / requests,
      majorMicroseconds: (gc.major.milliseconds * 1000) / requests,
      oldSpaceMegabytes: gc.oldSpaceBytes / 1024 / 1024,
    };
  } finally {
    await server.stop();
  }
}

if (cores !== undefined) pinCurrentProcess(cores.loadGenerator);
// Tracing variants export to it as in the timed benchmark.
const sink = await startOtlpSink();
const results = new Map(variants.map((variant) => [variant, []]));
for (let round = 1; round <= rounds; round++) {
  for (const variant of variants) {
    const measured = await collections(variant, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url });
    results.get(variant).push(measured);
    console.log(
      `round ${round}/${rounds} ${variant}: ${formatNumber(measured.scavengesPer10k, 1)} scavenges per 10,000 requests, ${formatNumber(measured.scavengeMicroseconds, 2)} µs of scavenge a request`,
    );
  }
}
await sink.stop();

const medianOf = (variant, field) => median(results.get(variant).map((measured) => measured[field]));
console.log(
  `\n${formatTable(
    [
      "variant",
      "scavenges per 10k requests",
      "scavenge µs/request",
      "other GCs per 10k requests",
      "other GC µs/request",
      "old space MB",
    ],
    variants.map((variant) => [
      variant,
      formatNumber(medianOf(variant, "scavengesPer10k"), 1),
      formatNumber(medianOf(variant, "scavengeMicroseconds"), 2),
      formatNumber(medianOf(variant, "majorPer10k"), 1),
      formatNumber(medianOf(variant, "majorMicroseconds"), 2),
      formatNumber(medianOf(variant, "oldSpaceMegabytes"), 1),
    ]),
  )}`,
);
