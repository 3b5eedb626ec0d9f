export const DEFAULT_DURATION_MS = 10_000;
export const MAX_DURATION_MS = 60_000;
export const DEFAULT_SAMPLING_INTERVAL_MICROS = 1000;
export const DEFAULT_HEAP_SAMPLING_INTERVAL_BYTES = 512 * 1024;

/** Returns `value` or the default when undefined; throws a RangeError that names `option` otherwise. */
export function checkDurationMs(value: number | undefined, option = "durationMs"): number {
  if (value === undefined) return DEFAULT_DURATION_MS;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_DURATION_MS) {
    throw new RangeError(
      `@periscope/profiling: ${option} must be a number of milliseconds above 0 and at most ${MAX_DURATION_MS}, got ${String(value)}`,
    );
  }
  return value;
}

export function checkPositiveInteger(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`@periscope/profiling: ${option} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Parses the `seconds` query parameter of the pprof endpoints (Go's net/http/pprof accepts whole
 * seconds; fractions are accepted here too). Returns milliseconds, or an error message.
 */
export function parseSeconds(raw: unknown, fallbackMs: number): { ms: number } | { error: string } {
  if (raw === undefined || raw === "") return { ms: fallbackMs };
  const max = MAX_DURATION_MS / 1000;
  const text = typeof raw === "string" ? raw.trim() : "";
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(seconds))
    return { error: `seconds must be a number between 0 and ${max}, got ${JSON.stringify(raw)}` };
  if (seconds <= 0 || seconds > max) return { error: `seconds must be above 0 and at most ${max}, got ${text}` };
  return { ms: Math.round(seconds * 1000) };
}
