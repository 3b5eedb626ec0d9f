// @periscope/logging's request log alone, without the request context (so its lines carry no request_id):
// beside periscope-logging it shows what each of the two middleware costs. JSON lines to a temporary file.
import { createLogger } from "@periscope/logging";
import { requestLogMiddleware } from "@periscope/logging/express";
import { temporaryLogFile } from "../lib/log-file.mjs";

const logFile = temporaryLogFile();
let logger;

export async function install(app) {
  logger = createLogger({ destination: false, file: { filename: logFile.path }, format: "json", service: "bench" });
  app.use(requestLogMiddleware(logger));
}

export async function shutdown() {
  await logger?.shutdown();
  logFile.remove();
}

export const stats = () => ({ lines: logFile.lines() });
