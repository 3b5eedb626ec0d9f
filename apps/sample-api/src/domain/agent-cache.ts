import type { createCacheMetrics } from "@periscope/metrics";
import { traced } from "@periscope/tracing";
import type { Agent } from "./agents-store.js";

export interface AgentCacheOptions {
  lookup: (id: string) => Agent | undefined;
  metrics: ReturnType<typeof createCacheMetrics>;
  ttlMs: number;
  maxEntries: number;
  now: () => number;
}

const LABELS = { cache: "agents" };

export interface AgentCacheStats {
  entries: number;
  maxEntries: number;
  bytes: number;
  /** Lookups through get() since the cache was made. */
  hits: number;
  misses: number;
}

/** Agent lookups by id, held for `ttlMs`; writers put the fresh row back so readers never see a stale one. */
export function createAgentCache({ lookup, metrics, ttlMs, maxEntries, now }: AgentCacheOptions) {
  const entries = new Map<string, { agent: Agent; expiresAt: number; bytes: number }>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  /** The entry for `id` if it has not expired yet: the one read path of get() and peek(). */
  function fresh(id: string) {
    const entry = entries.get(id);
    return entry && entry.expiresAt > now() ? entry : undefined;
  }

  function remove(id: string, evicted: boolean) {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    bytes -= entry.bytes;
    if (evicted) metrics.evictions.inc(LABELS);
  }

  function updateGauges() {
    metrics.entries.set(LABELS, entries.size);
    metrics.size.set(LABELS, bytes);
  }

  function put(agent: Agent) {
    remove(agent.id, false);
    if (entries.size >= maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) remove(oldest, true);
    }
    const size = JSON.stringify(agent).length * 2;
    entries.set(agent.id, { agent, expiresAt: now() + ttlMs, bytes: size });
    bytes += size;
    updateGauges();
  }

  return {
    get(id: string): Agent | undefined {
      return traced(
        "cache.lookup",
        (span) => {
          const entry = fresh(id);
          if (entry) {
            hits++;
            metrics.hits.inc(LABELS);
            span.setAttribute("cache.hit", true);
            return entry.agent;
          }
          remove(id, true);
          misses++;
          metrics.misses.inc(LABELS);
          span.setAttribute("cache.hit", false);
          const agent = lookup(id);
          if (agent) put(agent);
          else updateGauges();
          return agent;
        },
        { attributes: { "cache.name": "agents", "agent.id": id } },
      );
    },
    /** A lookup that neither loads on a miss nor counts: what the health check times. */
    peek: (id: string): Agent | undefined => fresh(id)?.agent,
    stats: (): AgentCacheStats => ({ entries: entries.size, maxEntries, bytes, hits, misses }),
    put,
    clear() {
      entries.clear();
      bytes = 0;
      updateGauges();
    },
  };
}

export type AgentCache = ReturnType<typeof createAgentCache>;
