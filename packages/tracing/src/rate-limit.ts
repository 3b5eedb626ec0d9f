/** Passes the first error on at once, then at most one per `intervalMillis`; the rest are only counted. */
export function rateLimited(
  handler: (error: Error) => void,
  intervalMillis: number,
): { report: (error: unknown) => void; suppressed: () => number } {
  let lastReport = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return {
    report(error) {
      const now = performance.now();
      if (now - lastReport < intervalMillis) {
        suppressed++;
        return;
      }
      lastReport = now;
      try {
        handler(error instanceof Error ? error : new Error(String(error)));
      } catch {
        // A failing error handler must not break the export loop.
      }
    },
    suppressed: () => suppressed,
  };
}

export function warnProcess(prefix: string): (error: Error | string) => void {
  return (error) => {
    const message = typeof error === "string" ? error : error.message;
    process.emitWarning(`@periscope/tracing: ${prefix}${message}`, "PeriscopeWarning");
  };
}
