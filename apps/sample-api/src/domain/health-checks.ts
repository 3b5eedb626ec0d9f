import type { CheckOutcome } from "@periscope/health";
import type { Domain } from "./create-domain.js";

/** Critical: the SQLite file answers `SELECT 1`. */
export function databaseCheck(domain: Domain): () => CheckOutcome {
  return () => {
    domain.data.quietly(domain.data.ping);
    return { status: "pass" };
  };
}

/** Informative: no agents at all is a fresh start (pass); registered agents that all went silent is a warning. */
export function agentsAvailableCheck(domain: Domain): () => CheckOutcome {
  return () => {
    const { registered, active } = domain.data.quietly(domain.agents.counts);
    if (registered === 0) return { status: "pass", message: "no agents registered yet", observedValue: 0 };
    if (active === 0) {
      return { status: "warn", message: `none of ${registered} agents sent a heartbeat recently`, observedValue: 0 };
    }
    return { status: "pass", message: `${active} of ${registered} agents active`, observedValue: active };
  };
}

export interface CacheCheckOptions {
  /** A lookup slower than this fails the check. Default 50 ms (an in-memory lookup takes microseconds). */
  deadlineMs?: number;
  /** Milliseconds, for timing the lookup; performance.now by default. */
  clock?: () => number;
}

/** Never looked up for real: agent ids are UUIDs. */
const PROBE_ID = "health-check-probe";

/**
 * Informative (the API still answers from SQLite without it): the agent-lookup cache answers a lookup
 * within `deadlineMs` and holds no more entries than its bound. Reports the hit ratio of the lookups
 * made since the previous run as the observed value.
 */
export function cacheCheck(domain: Domain, options: CacheCheckOptions = {}): () => CheckOutcome {
  const deadlineMs = options.deadlineMs ?? 50;
  const clock = options.clock ?? (() => performance.now());
  let previous = { hits: 0, misses: 0 };
  return () => {
    const started = clock();
    domain.cache.peek(PROBE_ID);
    const lookupMs = clock() - started;
    const stats = domain.cache.stats();
    const hits = stats.hits - previous.hits;
    const lookups = hits + stats.misses - previous.misses;
    previous = { hits: stats.hits, misses: stats.misses };
    const ratio = lookups > 0 ? Math.round((hits / lookups) * 1000) / 1000 : undefined;
    const summary =
      `${stats.entries} of ${stats.maxEntries} entries; ` +
      (ratio === undefined ? "no lookups since the last check" : `hit ratio ${ratio} over ${lookups} lookups`);
    if (lookupMs > deadlineMs) {
      const took = `a lookup took ${Math.round(lookupMs)} ms (deadline ${deadlineMs} ms)`;
      return { status: "fail", message: `${took}; ${summary}`, observedValue: ratio };
    }
    if (stats.entries > stats.maxEntries) {
      return { status: "fail", message: `over its bound: ${summary}`, observedValue: ratio };
    }
    return { status: "pass", message: summary, observedValue: ratio };
  };
}
