// What users assemble today for the same job: express-prom-bundle, OpenTelemetry http + express
// instrumentation at 10 % set up by hand (lib/otel-manual-preload.mjs, loaded with --import), and
// express-winston's request logger (JSON lines to /dev/null).
import promBundle from "express-prom-bundle";
import expressWinston from "express-winston";
import { Registry } from "prom-client";
import winston from "winston";
import { devNullStream } from "../lib/dev-null.mjs";
import { shutdownOtelManual } from "../lib/otel-manual.mjs";

const destination = devNullStream();

export async function install(app) {
  app.use(promBundle({ includeMethod: true, includePath: true, promRegistry: new Registry() }));
  app.use(
    expressWinston.logger({
      transports: [new winston.transports.Stream({ stream: destination.stream })],
      format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    }),
  );
}

export const shutdown = shutdownOtelManual;
export const stats = () => ({ lines: destination.writes() });
