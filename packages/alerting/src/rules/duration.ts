const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 } as const;
const DURATION = /^(\d+)(ms|s|m|h|d|w|y)$/;

/** Milliseconds of a single-unit Prometheus duration (`30s`, `5m`, `1h`, `30d`); throws on anything else. */
export function parseDuration(value: string, what = "duration"): number {
  const match = DURATION.exec(typeof value === "string" ? value : "");
  if (!match) {
    throw new TypeError(`${what} must be a Prometheus duration like "5m" or "1h", got ${JSON.stringify(value)}`);
  }
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
