// @periscope/logging's request log alone, without the request context (so its lines carry no request_id):
// beside periscope-logging it shows what each of the two middleware costs. JSON lines to a file (lib/file-logger.mjs).
import { useBeforeRouter } from "@periscope/express";
import { requestLogMiddleware } from "@periscope/logging/express";
import { fileLogger } from "../lib/file-logger.mjs";

let log;

export async function install(app) {
  log = fileLogger();
  useBeforeRouter(app, requestLogMiddleware(log.logger));
}

export const shutdown = () => log?.shutdown();
export const stats = () => log.stats();
