import { randomUUID } from "node:crypto";
import { traced } from "@periscope/tracing";
import type { AgentCache } from "./agent-cache.js";
import type { Agent, AgentsStore, LoadedAgent } from "./agents-store.js";
import type { DomainMetrics } from "./domain-metrics.js";
import { notFound } from "./errors.js";

export interface AgentRegistration {
  name: string;
  capabilities: string[];
  capacity: number;
  trustScore: number;
}

export interface AgentServiceOptions {
  store: AgentsStore;
  cache: AgentCache;
  metrics: DomainMetrics;
  agentTimeoutMs: number;
  now: () => number;
  /** Called after a heartbeat: the agent may have room for queued tasks now. */
  onAvailable: () => void;
}

export function createAgentService({ store, cache, metrics, agentTimeoutMs, now, onAvailable }: AgentServiceOptions) {
  return {
    register(registration: AgentRegistration): LoadedAgent {
      return traced("agent.register", (span) => {
        const at = now();
        const agent: Agent = { id: randomUUID(), ...registration, activeCount: 0, lastHeartbeatAt: at, createdAt: at };
        span.setAttribute("agent.id", agent.id);
        store.insert(agent);
        cache.put(agent);
        metrics.agents.trustScore.set({ agent_id: agent.id }, agent.trustScore);
        onAvailable();
        return { ...agent, assigned: 0 };
      });
    },
    heartbeat(id: string, activeCount: number, trustScore: number): LoadedAgent {
      return traced(
        "agent.heartbeat",
        (span) => {
          span.setAttribute("agent.trust_score", trustScore);
          if (!store.heartbeat(id, activeCount, trustScore, now())) throw notFound("agent", id);
          const agent = store.get(id) as Agent;
          cache.put(agent);
          metrics.agents.trustScore.set({ agent_id: id }, trustScore);
          onAvailable();
          return { ...agent, assigned: store.assigned(id) };
        },
        { attributes: { "agent.id": id } },
      );
    },
    /** Through the agent-lookup cache. */
    lookup(id: string): Agent | undefined {
      return cache.get(id);
    },
    get(id: string): LoadedAgent {
      const agent = cache.get(id);
      if (!agent) throw notFound("agent", id);
      return { ...agent, assigned: store.assigned(id) };
    },
    list(limit: number): LoadedAgent[] {
      return store.list(limit);
    },
    isActive(agent: Agent, at = now()): boolean {
      return agent.lastHeartbeatAt >= at - agentTimeoutMs;
    },
    counts(): { registered: number; active: number } {
      return store.counts(now() - agentTimeoutMs);
    },
  };
}

export type AgentService = ReturnType<typeof createAgentService>;
