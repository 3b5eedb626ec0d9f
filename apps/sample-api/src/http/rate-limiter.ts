/** Token buckets by id: each holds `burst` requests and refills at `perMinute` a minute. */
export interface RateLimiter {
  /** Takes one token for `id`: `ok` false with the seconds until one is available when the bucket is empty. */
  take(id: string): { ok: boolean; retryAfterSeconds: number; usedRatio: number };
}

export function createRateLimiter(
  { perMinute, burst }: { perMinute: number; burst: number },
  now: () => number = Date.now,
): RateLimiter {
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(id) {
      const time = now();
      const bucket = buckets.get(id) ?? { tokens: burst, at: time };
      bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      buckets.set(id, bucket);
      const ok = bucket.tokens >= 1;
      if (ok) bucket.tokens -= 1;
      const retryAfterSeconds = ok ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      return { ok, retryAfterSeconds, usedRatio: Math.min(1, Math.max(0, 1 - bucket.tokens / burst)) };
    },
  };
}
