// Plain @sentry/node 11 with performance tracing at 100 %, initialised before Express is imported (as its
// docs say), its Express error handler after the routes, the DSN a closed port on 127.0.0.1.
import * as Sentry from "@sentry/node";
import { closedPortDsn } from "../lib/closed-port.mjs";

Sentry.init({ dsn: await closedPortDsn(), tracesSampleRate: 1.0 });

export async function install() {}

export async function installAfterRoutes(app) {
  Sentry.setupExpressErrorHandler(app);
}

export const shutdown = () => Sentry.close(1000);
