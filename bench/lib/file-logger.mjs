// The benchmarks' @periscope/logging logger: JSON lines to a file through the logger's own `file` option
// (rotated at its default 10 MiB), in a temporary directory removed at shutdown.
import { createLogger } from "@periscope/logging";
import { temporaryLogFile } from "./log-file.mjs";

export function fileLogger() {
  const logFile = temporaryLogFile();
  const logger = createLogger({
    destination: false,
    file: { filename: logFile.path },
    format: "json",
    service: "bench",
  });
  return {
    logger,
    async shutdown() {
      await logger.shutdown();
      logFile.remove();
    },
    stats: () => ({ lines: logFile.lines() }),
  };
}
