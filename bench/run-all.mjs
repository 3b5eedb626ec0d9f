// `pnpm bench`: every benchmark in sequence, each in its own process, then docs/benchmarks.md regenerated
// between its markers (the hand-written notes around them are kept).
//   node bench/run-all.mjs                 full run, writes docs/benchmarks.md (takes about 50 minutes)
//   node bench/run-all.mjs --quick         CI smoke run: one short round, smallest sizes, writes a temporary
//                                          file (or --out <path>) and never docs/benchmarks.md
//   --out <path>    write there instead;   --only <id,id>   run some benchmarks only (needs --quick or --out)
// Exits 1 when a benchmark failed (the others still run and are written, the failure listed).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { BENCHMARKS } from "./lib/benchmarks.mjs";
import { describeMachine, describeVersions, PERISCOPE_PACKAGES } from "./lib/environment.mjs";
import { mergeIntoDocument, renderGenerated } from "./lib/markdown.mjs";

const BENCH = new URL("./", import.meta.url).pathname;
const DOCUMENT = new URL("../docs/benchmarks.md", import.meta.url).pathname;

function options() {
  const { values } = parseArgs({
    options: { quick: { type: "boolean" }, out: { type: "string" }, only: { type: "string" } },
  });
  const quick = values.quick === true || process.env.BENCH_QUICK === "1";
  const only = values.only?.split(",").map((id) => id.trim());
  const unknown = only?.filter((id) => !BENCHMARKS.some((benchmark) => benchmark.id === id)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`--only: unknown ${unknown.join(", ")}; expected ${BENCHMARKS.map((b) => b.id).join(", ")}`);
  }
  const out = resolve(values.out ?? (quick ? join(tmpdir(), "periscope-bench-quick.md") : DOCUMENT));
  if (quick && out === DOCUMENT) throw new Error("quick mode never writes docs/benchmarks.md; pick another --out");
  if (only && out === DOCUMENT) throw new Error("--only would leave docs/benchmarks.md incomplete; add --out <path>");
  return { quick, out, only };
}

function checkBuilt() {
  const missing = PERISCOPE_PACKAGES.filter(
    (name) => !existsSync(new URL(`../packages/${name}/dist/index.js`, import.meta.url)),
  );
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.map((name) => `packages/${name}`).join(", ")}; run \`pnpm build\` first`);
  }
}

async function runBenchmark(benchmark, directory, quick) {
  const resultFile = join(directory, `${benchmark.id}.json`);
  console.log(`\n=== ${benchmark.id}: node ${benchmark.script} ${benchmark.args.join(" ")}`.trimEnd());
  const child = spawn(process.execPath, [join(BENCH, benchmark.script), ...benchmark.args], {
    cwd: BENCH,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, BENCH_RESULT_FILE: resultFile, ...(quick ? { BENCH_QUICK: "1" } : {}) },
  });
  const [code, signal] = await once(child, "exit");
  if (code !== 0) return { error: `exited with code ${code}${signal ? `, signal ${signal}` : ""} (see its output)` };
  if (!existsSync(resultFile)) return { error: "finished without writing its result" };
  const command = `node bench/${benchmark.script} ${benchmark.args.join(" ")}`.trimEnd();
  return { result: { ...JSON.parse(readFileSync(resultFile, "utf8")), command } };
}

async function main() {
  const { quick, out, only } = options();
  checkBuilt();
  const machine = describeMachine();
  const startedAt = new Date();
  const directory = mkdtempSync(join(tmpdir(), "periscope-bench-results-"));
  const results = [];
  const failures = [];
  try {
    for (const benchmark of BENCHMARKS.filter((candidate) => !only || only.includes(candidate.id))) {
      const { result, error } = await runBenchmark(benchmark, directory, quick);
      if (result) results.push(result);
      else failures.push({ id: benchmark.id, error });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const generated = renderGenerated({
    results,
    failures,
    machine,
    versions: describeVersions(),
    startedAt,
    finishedAt: new Date(),
    quick,
  });
  const existing = !quick && existsSync(out) ? readFileSync(out, "utf8") : undefined;
  writeFileSync(out, mergeIntoDocument(existing, generated));
  console.log(
    `\nwrote ${out}${failures.length ? `; FAILED: ${failures.map((failure) => failure.id).join(", ")}` : ""}`,
  );
  if (failures.length > 0) process.exitCode = 1;
}

await main();
