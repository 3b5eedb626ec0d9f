// @periscope/logging: request context (x-request-id) and the request log, JSON lines to a file through the
// logger's own `file` option (rotated at its default 10 MiB), in a temporary directory removed at shutdown.
import { createLogger } from "@periscope/logging";
import { requestContextMiddleware, requestLogMiddleware } from "@periscope/logging/express";
import { temporaryLogFile } from "../lib/log-file.mjs";

const logFile = temporaryLogFile();
let logger;

export async function install(app) {
  logger = createLogger({ destination: false, file: { filename: logFile.path }, format: "json", service: "bench" });
  app.use(requestContextMiddleware());
  app.use(requestLogMiddleware(logger));
}

export async function shutdown() {
  await logger?.shutdown();
  logFile.remove();
}

export const stats = () => ({ lines: logFile.lines() });
