/** Most kinds of failure tracked apart; past it, new kinds share one limit (memory stays bounded). */
export const MAX_FAILURE_KINDS = 16;

/**
 * What makes two failures "the same kind": the error's code (ECONNREFUSED, an HTTP status) when it has one,
 * else its name and message with the numbers taken out ("timed out after # ms (# spans lost)").
 */
export function failureKind(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") return `${error.name}:${code}`;
  return `${error.name}:${error.message.replace(/\d+/g, "#").slice(0, 120)}`;
}

/**
 * Passes the first error of each kind on at once, then at most one of that kind per `intervalMillis`; the rest
 * are only counted. A collector that goes from refusing connections to timing out is reported for both.
 */
export function rateLimited(
  handler: (error: Error) => void,
  intervalMillis: number,
): { report: (error: unknown) => void; suppressed: () => number } {
  const lastReport = new Map<string, number>();
  let suppressed = 0;
  return {
    report(reported) {
      const error = reported instanceof Error ? reported : new Error(String(reported));
      let kind = failureKind(error);
      if (!lastReport.has(kind) && lastReport.size >= MAX_FAILURE_KINDS) kind = "other";
      const now = performance.now();
      if (now - (lastReport.get(kind) ?? Number.NEGATIVE_INFINITY) < intervalMillis) {
        suppressed++;
        return;
      }
      lastReport.set(kind, now);
      try {
        handler(error);
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
