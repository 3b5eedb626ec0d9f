/** One request of a load run: what it asked for, how it ended, how long it took. */
export interface Sample {
  path: string;
  status: number | "error";
  ms: number;
}

export interface LoadResult {
  samples: Sample[];
  /** Requests that ended in a network error (refused, reset, timed out). */
  errors: number;
  percentile(p: number, samples?: Sample[]): number;
}

/**
 * `clients` concurrent request loops (keep-alive fetch) for `durationMs`, each picking a path from `paths(i)`.
 * Every request is timed end to end, body included.
 */
export async function runLoad(options: {
  baseUrl: string;
  clients: number;
  durationMs: number;
  paths: (index: number) => string;
  timeoutMs?: number;
  /** Checked before each request: true stops sending (requests in flight still complete). */
  stopWhen?: () => boolean;
  onResponse?: () => void;
}): Promise<LoadResult> {
  const samples: Sample[] = [];
  const deadline = Date.now() + options.durationMs;
  let next = 0;
  const loop = async () => {
    while (Date.now() < deadline && !options.stopWhen?.()) {
      const path = options.paths(next++);
      const started = performance.now();
      try {
        const response = await fetch(`${options.baseUrl}${path}`, {
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
        await response.arrayBuffer();
        samples.push({ path, status: response.status, ms: performance.now() - started });
        options.onResponse?.();
      } catch {
        samples.push({ path, status: "error", ms: performance.now() - started });
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, loop));
  return {
    samples,
    errors: samples.filter((sample) => sample.status === "error").length,
    percentile: (p, of = samples) =>
      percentile(
        of.map((sample) => sample.ms),
        p,
      ),
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
