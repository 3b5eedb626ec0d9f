export type ErrorHandler = (error: unknown) => void;

/** At most one report per interval: a failing transport must not flood whoever handles errors. */
export const ERROR_REPORT_INTERVAL_MS = 10_000;

export function rateLimited(handler: ErrorHandler | undefined, intervalMs = ERROR_REPORT_INTERVAL_MS): ErrorHandler {
  const report = handler ?? emitWarning;
  let lastReport = Number.NEGATIVE_INFINITY;
  return (error) => {
    const now = Date.now();
    if (now - lastReport < intervalMs) return;
    lastReport = now;
    try {
      report(error);
    } catch {
      // An onError hook that throws must not take logging (or the app) down with it.
    }
  };
}

function emitWarning(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  process.emitWarning(`@periscope/logging: ${reason}`, "PeriscopeWarning");
}
