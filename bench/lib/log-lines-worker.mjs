// One run of log-lines.mjs: `node lib/log-lines-worker.mjs <logger> <lines>` writes that many records (a
// message and four fields) to /dev/null, waits until the logger has handed every line to the destination,
// and sends the elapsed time to its parent.
import { once } from "node:events";
import { createWriteStream } from "node:fs";

const LOGGERS = {
  async periscope() {
    const { createLogger } = await import("@periscope/logging");
    const logger = createLogger({ destination: createWriteStream("/dev/null"), format: "json", service: "bench" });
    return { log: (fields) => logger.info("task completed", fields), finish: () => logger.shutdown() };
  },
  async winston() {
    const { default: winston } = await import("winston");
    const stream = createWriteStream("/dev/null");
    const logger = winston.createLogger({
      format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
      defaultMeta: { service: "bench" },
      transports: [new winston.transports.Stream({ stream })],
    });
    return {
      log: (fields) => logger.info("task completed", fields),
      finish: async () => {
        logger.end();
        await once(logger, "finish");
        if (stream.writableNeedDrain) await once(stream, "drain");
      },
    };
  },
  async pino() {
    const { default: pino } = await import("pino");
    const destination = pino.destination({ dest: "/dev/null", sync: false });
    const logger = pino({ base: { service: "bench" } }, destination);
    return {
      log: (fields) => logger.info(fields, "task completed"),
      finish: async () => {
        destination.flushSync();
      },
    };
  },
};

async function main() {
  const [name, count] = [process.argv[2], Number(process.argv[3])];
  const create = LOGGERS[name];
  if (!create || !Number.isInteger(count) || !process.send) {
    throw new Error("started by log-lines.mjs: log-lines-worker.mjs <periscope|winston|pino> <lines>");
  }
  const logger = await create();
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    logger.log({ task_id: `task-${index}`, task_type: "summarize", attempt: 1, duration_ms: 12.5 });
    // Let the destination drain now and then, as a service's event loop would between requests.
    if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  await logger.finish();
  process.send({ milliseconds: performance.now() - started });
  process.disconnect();
}

await main();
