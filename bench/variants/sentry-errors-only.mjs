// @periscope/sentry in its default errors-only mode, its Express error handler installed, the DSN a closed
// port on 127.0.0.1 (nothing is sent: the hello route never fails, so this measures the per-request cost).
import { createServer } from "node:http";
import { initSentry } from "@periscope/sentry";
import { sentryErrorHandler } from "@periscope/sentry/express";

let sentry;

async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function install(app) {
  sentry = initSentry({ dsn: `http://publickey@127.0.0.1:${await closedPort()}/1` });
  app.use(sentryErrorHandler(sentry));
}

export const shutdown = () => sentry?.shutdown(1000);
