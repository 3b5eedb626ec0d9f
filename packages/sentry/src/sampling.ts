import type { SeverityLevel } from "@sentry/node";

/** Keeps an event of `level` with the configured share; unknown levels count as "error". */
export function keepByLevel(
  level: SeverityLevel | undefined,
  rates: Readonly<Record<SeverityLevel, number>>,
  random: () => number = Math.random,
): boolean {
  const rate = rates[level ?? "error"] ?? rates.error;
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return random() < rate;
}
