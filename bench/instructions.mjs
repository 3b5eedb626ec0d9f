// Instructions per request of each variant, counted by valgrind's callgrind: unlike time, the count barely
// moves with the machine's noise (two bare servers agree within about 0.5 % at 20,000 requests), so changes
// of a microsecond or two show. A diagnostic, not part of `pnpm bench`: it needs valgrind (Debian package
// `valgrind`) and takes about a minute per variant.
//   node bench/instructions.mjs [--requests 20000] [--warmup <requests>] [--keep <dir>] bare periscope-metrics ...
// The first variant is the baseline. Each server runs under callgrind with counting off; it serves
// `--warmup` requests (default: as many as `--requests`), then counting is switched on for `--requests`
// (autocannon, 10 connections). A variant whose code paths are rarely taken (tracing at 10 %) needs a
// longer warm-up before V8 stops compiling them: compare the `compiler::` functions in the kept files.
// `--keep` leaves the callgrind files there for `callgrind_annotate`, where V8's runtime functions (property
// lookups, IC misses, GC) are named; JIT-compiled JavaScript shows as addresses. `--functions <n>` runs the
// servers with `--perf-basic-prof`, names the JavaScript too, and prints each variant's <n> functions that
// differ most from the baseline (self instructions per request; inlined functions count in their caller).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { selfInstructionsByFunction } from "./lib/callgrind-functions.mjs";
import { startOtlpSink } from "./lib/otlp-sink.mjs";
import { startServer } from "./lib/server-process.mjs";
import { formatNumber, formatTable } from "./lib/stats.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: "string", default: "20000" },
    warmup: { type: "string" },
    keep: { type: "string" },
    functions: { type: "string" },
  },
});
const requests = Number(values.requests);
if (!Number.isInteger(requests) || requests < 100) throw new Error("--requests must be an integer >= 100");
const warmup = Number(values.warmup ?? requests);
if (!Number.isInteger(warmup) || warmup < 0) throw new Error("--warmup must be an integer >= 0");
const functionRows = values.functions === undefined ? 0 : Number(values.functions);
if (!Number.isInteger(functionRows) || functionRows < 0) throw new Error("--functions must be an integer >= 0");
const variants = positionals.length > 0 ? positionals : ["bare"];
try {
  execFileSync("valgrind", ["--version"], { stdio: "ignore" });
} catch {
  throw new Error("valgrind is not installed (apt-get install valgrind)");
}

async function instructionsPerRequest(variant, directory, env) {
  const output = join(directory, `callgrind.${variant}`);
  const launcher = ["valgrind", "--quiet", "--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${output}`];
  const nodeArguments = functionRows > 0 ? ["--perf-basic-prof"] : [];
  const server = await startServer(variant, { launcher, env, nodeArguments });
  const load = { url: `${server.url}/hello`, connections: 10, amount: requests };
  try {
    if (warmup > 0) await autocannon({ ...load, amount: warmup });
    execFileSync("callgrind_control", ["--instr=on", String(server.pid)], { stdio: "ignore" });
    const result = await autocannon(load);
    execFileSync("callgrind_control", ["--instr=off", String(server.pid)], { stdio: "ignore" });
    execFileSync("callgrind_control", ["--dump", String(server.pid)], { stdio: "ignore" });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${variant}: ${result.non2xx + result.errors} failed requests`);
  } finally {
    await server.stop();
  }
  // The explicit dump is `<output>.1`; the file written at exit holds only the uncounted rest.
  const totals = readFileSync(`${output}.1`, "utf8").match(/^totals: (\d+)$/m);
  if (!totals) throw new Error(`${variant}: no totals in ${output}.1`);
  return {
    perRequest: Number(totals[1]) / requests,
    functions: functionRows > 0 ? namedFunctions(output, server.pid) : undefined,
  };
}

function namedFunctions(output, pid) {
  // V8 writes the map to /tmp whatever TMPDIR says.
  const perfMap = `/tmp/perf-${pid}.map`;
  try {
    return selfInstructionsByFunction(`${output}.1`, perfMap, requests);
  } finally {
    rmSync(perfMap, { force: true });
  }
}

function printFunctionDifferences(baseline, row) {
  const names = new Set([...baseline.functions.keys(), ...row.functions.keys()]);
  const differences = [...names]
    .map((name) => {
      const self = row.functions.get(name) ?? 0;
      return { name, self, over: self - (baseline.functions.get(name) ?? 0) };
    })
    .sort((a, b) => Math.abs(b.over) - Math.abs(a.over))
    .slice(0, functionRows);
  console.log(
    `\n${row.variant} against ${baseline.variant}, self instructions per request:\n${formatTable(
      ["function", row.variant, `over ${baseline.variant}`],
      differences.map(({ name, self, over }) => [name.slice(0, 120), formatNumber(self, 0), formatNumber(over, 0)]),
    )}`,
  );
}

if (values.keep !== undefined) mkdirSync(values.keep, { recursive: true });
const directory = values.keep ?? mkdtempSync(join(tmpdir(), "periscope-instructions-"));
// Tracing variants export to it as in the timed benchmark: a refused export costs differently.
const sink = await startOtlpSink();
const rows = [];
for (const variant of variants) {
  const { perRequest, functions } = await instructionsPerRequest(variant, directory, {
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
  });
  rows.push({ variant, perRequest, functions });
  console.log(`${variant}: ${formatNumber(perRequest, 0)} instructions per request`);
}
await sink.stop();
const baseline = rows[0].perRequest;
console.log(
  `\n${formatTable(
    ["variant", "instructions/request", `over ${rows[0].variant}`, `${rows[0].variant} ÷ variant`],
    rows.map(({ variant, perRequest }) => [
      variant,
      formatNumber(perRequest, 0),
      formatNumber(perRequest - baseline, 0),
      (baseline / perRequest).toFixed(3),
    ]),
  )}`,
);
if (functionRows > 0) for (const row of rows.slice(1)) printFunctionDifferences(rows[0], row);
if (values.keep === undefined) rmSync(directory, { recursive: true, force: true });
else console.log(`\ncallgrind files in ${directory}: ${readdirSync(directory).join(", ")}`);
