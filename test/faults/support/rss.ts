import { readFileSync } from "node:fs";

/** Resident set size of a process in bytes, from /proc (Linux); undefined once it is gone. */
export function rssOf(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the RSS of `pid` every `everyMs` until stopped; `samples` holds [ms since start, bytes]. */
export function sampleRss(pid: number, everyMs = 200) {
  const started = performance.now();
  const samples: [number, number][] = [];
  const take = () => {
    const rss = rssOf(pid);
    if (rss !== undefined) samples.push([performance.now() - started, rss]);
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

export const MiB = 1024 * 1024;
