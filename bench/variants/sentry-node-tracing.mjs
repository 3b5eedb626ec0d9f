// Plain @sentry/node 11 with performance tracing at 100 % and its Express error handler (v11 API:
// Sentry.setupExpressErrorHandler(app)), the DSN a closed port on 127.0.0.1.
import { createServer } from "node:http";
import * as Sentry from "@sentry/node";

async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function install(app) {
  Sentry.init({ dsn: `http://publickey@127.0.0.1:${await closedPort()}/1`, tracesSampleRate: 1.0 });
  Sentry.setupExpressErrorHandler(app);
}

export const shutdown = () => Sentry.close(1000);
