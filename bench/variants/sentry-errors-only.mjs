// @periscope/sentry in its default errors-only mode, its Express error handler after the routes, the DSN a
// closed port on 127.0.0.1 (nothing is sent: the hello route never fails, so this measures the per-request cost).
import { initSentry } from "@periscope/sentry";
import { sentryErrorHandler } from "@periscope/sentry/express";
import { closedPortDsn } from "../lib/closed-port.mjs";

let sentry;

export async function install() {
  sentry = initSentry({ dsn: await closedPortDsn() });
}

export async function installAfterRoutes(app) {
  app.use(sentryErrorHandler(sentry));
}

export const shutdown = () => sentry?.shutdown(1000);
