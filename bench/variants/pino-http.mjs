// pino-http with its defaults, to /dev/null through pino's own asynchronous destination.
import pino from "pino";
import pinoHttp from "pino-http";
import { countWrites } from "../lib/dev-null.mjs";

const destination = countWrites(pino.destination({ dest: "/dev/null", sync: false }));

export async function install(app) {
  app.use(pinoHttp({ logger: pino(destination.stream) }));
}

export const stats = () => ({ lines: destination.writes() });
