import type { LoadedAgent } from "./agents-store.js";
import type { RoutingStrategy } from "./tasks-store.js";

/** Agents that take this task type and have room for one more task. */
export function eligibleAgents(agents: readonly LoadedAgent[], taskType: string): LoadedAgent[] {
  return agents.filter(
    (agent) =>
      agent.assigned < agent.capacity && (agent.capabilities.includes(taskType) || agent.capabilities.includes("*")),
  );
}

/**
 * least_loaded: the lowest share of capacity in use, then the higher trust score;
 * highest_trust: the highest trust score, then the lower load. The id breaks the last tie, so routing is deterministic.
 */
export function chooseAgent(candidates: readonly LoadedAgent[], strategy: RoutingStrategy): LoadedAgent | undefined {
  const load = (agent: LoadedAgent) => agent.assigned / agent.capacity;
  const compare =
    strategy === "least_loaded"
      ? (a: LoadedAgent, b: LoadedAgent) => load(a) - load(b) || b.trustScore - a.trustScore || a.id.localeCompare(b.id)
      : (a: LoadedAgent, b: LoadedAgent) =>
          b.trustScore - a.trustScore || load(a) - load(b) || a.id.localeCompare(b.id);
  return [...candidates].sort(compare)[0];
}
