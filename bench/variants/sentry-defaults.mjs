// Plain @sentry/node 11 with its defaults (a DSN, nothing else), initialised before Express is imported,
// its Express error handler after the routes, the DSN a closed port on 127.0.0.1.
import * as Sentry from "@sentry/node";
import { closedPortDsn } from "../lib/closed-port.mjs";

Sentry.init({ dsn: await closedPortDsn() });

export async function install() {}

export async function installAfterRoutes(app) {
  Sentry.setupExpressErrorHandler(app);
}

export const shutdown = () => Sentry.close(1000);
