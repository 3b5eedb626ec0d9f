// express-winston's request logger with its defaults, JSON to /dev/null.
import expressWinston from "express-winston";
import winston from "winston";
import { devNullStream } from "../lib/dev-null.mjs";

const destination = devNullStream();

export async function install(app) {
  app.use(
    expressWinston.logger({
      transports: [new winston.transports.Stream({ stream: destination.stream })],
      format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    }),
  );
}

export const stats = () => ({ lines: destination.writes() });
