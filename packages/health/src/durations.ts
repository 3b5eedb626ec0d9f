/** Validates a duration option (or the env var it came from); throws a message naming both. */
export function milliseconds(value: unknown, option: string, environmentVariable?: string): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  const source = environmentVariable ? `${option} (or env ${environmentVariable})` : option;
  throw new TypeError(
    `@periscope/health: ${source} must be a non-negative number of milliseconds, got ${String(value)}`,
  );
}

/** Reads a duration env var at call time; undefined when unset or empty. */
export function millisecondsFromEnv(name: string, option: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(
      `@periscope/health: env ${name} (option ${option}) must be a non-negative number of milliseconds, got "${raw}"`,
    );
  }
  return value;
}

export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
