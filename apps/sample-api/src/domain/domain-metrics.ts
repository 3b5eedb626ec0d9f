import {
  createAgentMetrics,
  createCacheMetrics,
  createChainMetrics,
  createLlmMetrics,
  createScheduleMetrics,
  createTaskMetrics,
  type Metrics,
} from "@periscope/metrics";

/** Every domain kit the sample API records into; create it once per registry. */
export function createDomainMetrics(metrics: Metrics) {
  return {
    tasks: createTaskMetrics(metrics),
    agents: createAgentMetrics(metrics),
    chains: createChainMetrics(metrics),
    schedules: createScheduleMetrics(metrics),
    cache: createCacheMetrics(metrics),
    llm: createLlmMetrics(metrics),
  };
}

export type DomainMetrics = ReturnType<typeof createDomainMetrics>;
