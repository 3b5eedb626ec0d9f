/**
 * Delay before attempt `attempts + 1`: exponential (base * 2^(attempts-1), capped) with jitter over its
 * upper half, so a burst of failures does not come back in lockstep; a longer Retry-After wins.
 */
export function retryDelay(
  attempts: number,
  settings: { baseDelayMs: number; maxDelayMs: number },
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
