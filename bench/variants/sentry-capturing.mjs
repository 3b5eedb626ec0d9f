// @periscope/sentry errors-only, capturing an error on one request in ten (a handled error reported, the
// response still 200) and sending to the DSN the fault mode gives in BENCH_SENTRY_DSN: healthy, refusing,
// answering 500 or never answering. Each error's message differs, so Sentry's dedupe does not drop them.
import { initSentry } from "@periscope/sentry";

const CAPTURE_EVERY = 10;
let sentry;
let requests = 0;

export async function install(app) {
  const dsn = process.env.BENCH_SENTRY_DSN;
  if (!dsn) throw new Error("sentry-capturing needs BENCH_SENTRY_DSN (the fault mode sets it)");
  sentry = initSentry({ dsn, onError: () => {} });
  app.use((_request, _response, next) => {
    if (++requests % CAPTURE_EVERY === 0) sentry.captureException(new Error(`handled failure ${requests}`));
    next();
  });
}

export const shutdown = () => sentry?.shutdown(1000);
export const stats = () => sentry?.stats() ?? {};
