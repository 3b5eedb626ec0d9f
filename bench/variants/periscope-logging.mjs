// @periscope/logging: request context (x-request-id) and the request log, JSON lines to a file (lib/file-logger.mjs).
import { useBeforeRouter } from "@periscope/express";
import { requestContextMiddleware, requestLogMiddleware } from "@periscope/logging/express";
import { fileLogger } from "../lib/file-logger.mjs";

let log;

export async function install(app) {
  log = fileLogger();
  useBeforeRouter(app, requestContextMiddleware(), requestLogMiddleware(log.logger));
}

export const shutdown = () => log?.shutdown();
export const stats = () => log.stats();
