// Log lines per second of @periscope/logging against plain winston (timestamp + JSON) and pino, each writing
// records with a message and four fields to /dev/null in a fresh process. Interleaved rounds; the table
// shows medians and the ratio to winston.
// Settings: BENCH_ROUNDS (5), BENCH_LINES per run (200000).
import { fork } from "node:child_process";
import { once } from "node:events";
import { formatNumber, formatTable, median, positiveIntegerFromEnv } from "./lib/stats.mjs";

const LOGGERS = ["periscope", "winston", "pino"];
const WORKER = new URL("./lib/log-lines-worker.mjs", import.meta.url).pathname;

async function measure(logger, lines) {
  const child = fork(WORKER, [logger, String(lines)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const [[message], [code]] = await Promise.all([once(child, "message"), once(child, "exit")]);
  if (code !== 0) throw new Error(`${logger}: worker exited with code ${code}`);
  return lines / (message.milliseconds / 1000);
}

async function main() {
  const rounds = positiveIntegerFromEnv("BENCH_ROUNDS", 5);
  const lines = positiveIntegerFromEnv("BENCH_LINES", 200_000);
  console.log(
    `node ${process.version}, ${rounds} rounds × ${LOGGERS.length} loggers, ${formatNumber(lines)} lines each`,
  );
  const results = Object.fromEntries(LOGGERS.map((logger) => [logger, []]));
  for (let round = 0; round < rounds; round++) {
    const order = [...LOGGERS.slice(round % LOGGERS.length), ...LOGGERS.slice(0, round % LOGGERS.length)];
    for (const logger of order) {
      const perSecond = await measure(logger, lines);
      results[logger].push(perSecond);
      console.log(`round ${round + 1}/${rounds} ${logger.padEnd(10)} ${formatNumber(perSecond).padStart(9)} lines/s`);
    }
  }
  const winston = median(results.winston);
  const rows = LOGGERS.map((logger) => {
    const perSecond = median(results[logger]);
    return [logger, formatNumber(perSecond), formatNumber(perSecond / winston, 2)];
  });
  console.log(`\n${formatTable(["logger", "median lines/s", "ratio to winston"], rows)}`);
}

await main();
