// @periscope/logging: request context (x-request-id) and the request log, JSON lines to /dev/null.
import { createLogger } from "@periscope/logging";
import { requestContextMiddleware, requestLogMiddleware } from "@periscope/logging/express";
import { devNullStream } from "../lib/dev-null.mjs";

const destination = devNullStream();
let logger;

export async function install(app) {
  logger = createLogger({ destination: destination.stream, format: "json", service: "bench" });
  app.use(requestContextMiddleware());
  app.use(requestLogMiddleware(logger));
}

export const shutdown = () => logger?.shutdown();
// The logger batches the lines of one event-loop turn into one write: count lines, not writes.
export const stats = () => ({ lines: destination.lines() });
