// One run of log-lines.mjs: `node lib/log-lines-worker.mjs <logger> <lines> <file>` writes that many records
// (lib/log-record.mjs) with request context and redaction on to a file, waits until every line is in the
// file (or reported dropped), checks the file (line count, context present, no secret) and sends the elapsed
// time and the dropped count to its parent. A line missing without being reported fails the run.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { CONTEXT, logRecord, SECRET_API_KEY, SECRET_TOKEN } from "./log-record.mjs";

const SENSITIVE_KEYS = new Set(["password", "token", "secret", "authorization", "api_key", "apikey", "cookie"]);

/** The redaction format a winston user writes: mask values under sensitive keys, recursively. */
function redactKeys(value) {
  if (Array.isArray(value)) return value.map(redactKeys);
  if (value === null || typeof value !== "object") return value;
  const copy = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? "[REDACTED]" : redactKeys(inner);
  }
  return copy;
}

const LOGGERS = {
  /**
   * @periscope/logging's own file writer (`file` option) with its defaults, the default redaction policy, the
   * request id from context. It bounds what it holds for a file that falls behind (maxBufferedBytes, 8 MiB) and
   * counts the records it dropped (`logger.droppedRecords()`).
   */
  async periscope(file) {
    const { createLogger, runWithRequestContext } = await import("@periscope/logging");
    const logger = createLogger({
      onError: () => {},
      destination: false,
      file: { filename: file, maxSize: 1024 ** 3, maxFiles: 1 },
      format: "json",
      service: "bench",
      traceContext: () => ({ trace_id: CONTEXT.trace_id, span_id: CONTEXT.span_id }),
    });
    return {
      run: (work) => runWithRequestContext({ requestId: CONTEXT.request_id }, work),
      log: (fields) => logger.info("task completed", fields),
      finish: async () => {
        await logger.shutdown();
        return logger.droppedRecords();
      },
    };
  },
  /** winston's File transport, timestamp + a key-redaction format + JSON, context in a child logger. */
  async winston(file) {
    const { default: winston } = await import("winston");
    const transport = new winston.transports.File({ filename: file });
    const base = winston.createLogger({
      format: winston.format.combine(
        winston.format.timestamp(),
        winston.format((info) => Object.assign(info, redactKeys({ ...info })))(),
        winston.format.json(),
      ),
      defaultMeta: { service: "bench" },
      transports: [transport],
    });
    const logger = base.child(CONTEXT);
    let logged = 0;
    transport.on("logged", () => logged++);
    return {
      run: (work) => work(),
      log: (fields) => logger.info("task completed", fields),
      // The File transport reports each line once its write callback ran; ending the logger while it
      // still buffers is what throws "write after end" (see /work/shared/TOOLCHAIN.md).
      finish: async (lines) => {
        while (logged < lines) await new Promise((resolve) => setTimeout(resolve, 5));
        // "logged" comes once a line reached the transport's stream, not the file: wait for the file too.
        const deadline = Date.now() + 10_000;
        while (linesOf(file).length < lines && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 20));
        return 0;
      },
    };
  },
  /** pino with its redact option, its asynchronous file destination, context in a child logger. */
  async pino(file) {
    const { default: pino } = await import("pino");
    const destination = pino.destination({ dest: file, sync: false, mkdir: true });
    await once(destination, "ready");
    const logger = pino(
      { base: { service: "bench" }, redact: ["api_key", "headers.authorization", "*.password", "*.token"] },
      destination,
    ).child(CONTEXT);
    return {
      run: (work) => work(),
      log: (fields) => logger.info(fields, "task completed"),
      finish: async () => {
        destination.flushSync();
        destination.end();
        await once(destination, "close");
        return 0;
      },
    };
  },
};

function linesOf(file) {
  return readFileSync(file, "utf8").split("\n").filter(Boolean);
}

function checkFile(file, lines) {
  const written = linesOf(file);
  const text = written.join("\n");
  if (written.length !== lines) throw new Error(`${file} holds ${written.length} lines, expected ${lines}`);
  if (text.includes(SECRET_API_KEY) || text.includes(SECRET_TOKEN)) throw new Error(`a secret reached ${file}`);
  const first = written[0];
  for (const value of Object.values(CONTEXT)) {
    if (!first.includes(value)) throw new Error(`the context (${value}) is missing from ${first}`);
  }
}

async function main() {
  const [name, count, file] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
  const create = LOGGERS[name];
  if (!create || !Number.isInteger(count) || !file || !process.send) {
    throw new Error("started by log-lines.mjs: log-lines-worker.mjs <periscope|winston|pino> <lines> <file>");
  }
  const logger = await create(file);
  const started = performance.now();
  await logger.run(async () => {
    for (let index = 0; index < count; index++) {
      logger.log(logRecord(index));
      // Let the file drain now and then, as a service's event loop would between requests.
      if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
    }
  });
  const dropped = await logger.finish(count);
  const milliseconds = performance.now() - started;
  checkFile(file, count - dropped);
  process.send({ milliseconds, written: count - dropped, dropped });
  process.disconnect();
}

await main();
