// A bare request-log middleware on plain winston: four fields, JSON, one line per request.
import winston from "winston";
import { devNullStream } from "../lib/dev-null.mjs";

const destination = devNullStream();

export async function install(app) {
  const logger = winston.createLogger({
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Stream({ stream: destination.stream })],
  });
  app.use((request, response, next) => {
    const started = performance.now();
    response.on("finish", () => {
      logger.info("request", {
        method: request.method,
        url: request.originalUrl,
        status: response.statusCode,
        duration_ms: performance.now() - started,
      });
    });
    next();
  });
}

export const stats = () => ({ lines: destination.writes() });
