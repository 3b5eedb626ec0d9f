// Log lines per second to a file with request context and redaction on: @periscope/logging against winston
// (File transport, a key-redaction format) and pino (its redact option), each in a fresh process writing
// lib/log-record.mjs records to a new file in a temporary directory. Interleaved rounds; medians.
// Each run is checked: every line in the file or reported dropped, the context in it, no secret. Lines per
// second count the lines that reached the file.
// Settings: BENCH_ROUNDS (5; quick 1), BENCH_LINES per run (200000; quick 20000).
import { fork } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createReport } from "./lib/report.mjs";
import { numberSetting } from "./lib/settings.mjs";
import { formatNumber, median } from "./lib/stats.mjs";

const LOGGERS = ["periscope", "winston", "pino"];
const GOAL_LINES_PER_SECOND = 60_000;
const WORKER = new URL("./lib/log-lines-worker.mjs", import.meta.url).pathname;

async function measure(logger, lines, directory, run) {
  const file = join(directory, `${logger}-${run}.log`);
  const child = fork(WORKER, [logger, String(lines), file], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let message;
  child.on("message", (received) => {
    message = received;
  });
  const [code] = await once(child, "exit");
  rmSync(file, { force: true });
  if (code !== 0 || !message) throw new Error(`${logger}: worker exited with code ${code}`);
  return { perSecond: message.written / (message.milliseconds / 1000), dropped: message.dropped };
}

async function main() {
  const rounds = numberSetting("BENCH_ROUNDS", { full: 5, quick: 1 });
  const lines = numberSetting("BENCH_LINES", { full: 200_000, quick: 20_000 });
  const output = createReport("log-lines", "Log lines per second to a file, context and redaction on");
  output.setting(
    `${rounds} interleaved rounds × ${LOGGERS.length} loggers, ${formatNumber(lines)} lines per run in a fresh process, to a new file under ${tmpdir()}; each line a message, four task fields, a user object, request headers and two secrets; request_id, trace_id and span_id on every line`,
  );
  const directory = mkdtempSync(join(tmpdir(), "periscope-bench-log-lines-"));
  const results = Object.fromEntries(LOGGERS.map((logger) => [logger, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      const order = [...LOGGERS.slice(round % LOGGERS.length), ...LOGGERS.slice(0, round % LOGGERS.length)];
      for (const logger of order) {
        const run = await measure(logger, lines, directory, round);
        results[logger].push(run);
        console.log(
          `round ${round + 1}/${rounds} ${logger.padEnd(10)} ${formatNumber(run.perSecond).padStart(9)} lines/s, ${run.dropped} dropped`,
        );
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const perSecond = (logger) => results[logger].map((run) => run.perSecond);
  const winston = median(perSecond("winston"));
  const setup = {
    periscope: "@periscope/logging, `file` option, default redaction policy, request context",
    winston: "File transport, timestamp + key-redaction format + JSON, child logger",
    pino: "`redact` paths, asynchronous `pino.destination`, child logger",
  };
  const rows = LOGGERS.map((logger) => {
    const values = perSecond(logger);
    return [
      logger,
      formatNumber(median(values)),
      `${formatNumber(Math.min(...values))}–${formatNumber(Math.max(...values))}`,
      formatNumber(median(values) / winston, 2),
      formatNumber(Math.max(...results[logger].map((run) => run.dropped))),
      setup[logger],
    ];
  });
  output.table(
    "Medians over the rounds. lines/s: lines that reached the file per second, until the last was written; dropped: lines the logger reported dropping in the worst run (winston and pino buffer without a bound and never drop).",
    ["logger", "lines/s", "min–max", "ratio to winston", "dropped", "setup"],
    rows,
  );
  const periscope = median(perSecond("periscope"));
  const dropped = Math.max(...results.periscope.map((run) => run.dropped));
  output.goal(
    `@periscope/logging >= ${formatNumber(GOAL_LINES_PER_SECOND)} lines/s to a file, context and redaction on, none dropped`,
    `${formatNumber(periscope)} lines/s, ${formatNumber(dropped)} dropped`,
    periscope >= GOAL_LINES_PER_SECOND && dropped === 0,
  );
  output.publish();
}

await main();
