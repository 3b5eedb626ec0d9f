import { DEFAULT_LLM_POLICY, type LlmPolicy } from "./llm-policy.js";
import type { RoutingStrategy } from "./tasks-store.js";

export interface DomainSettings {
  /** An agent not heard from for this long is silent: it gets no tasks, and its running tasks fail as timed out. */
  agentTimeoutMs: number;
  /** First retry delay; each further attempt doubles it, up to maxRetryBackoffMs. */
  retryBackoffMs: number;
  maxRetryBackoffMs: number;
  /** Attempts a task gets unless it says otherwise. */
  defaultMaxAttempts: number;
  routingStrategy: RoutingStrategy;
  /** How often queued tasks are routed, silent agents swept, schedules fired and gauges refreshed. */
  tickMs: number;
  cacheTtlMs: number;
  llmErrorRate: number;
  llmLatencyMs: readonly [number, number];
  llmPolicy: LlmPolicy;
}

export const DEFAULT_DOMAIN_SETTINGS: DomainSettings = {
  agentTimeoutMs: 30_000,
  retryBackoffMs: 1000,
  maxRetryBackoffMs: 60_000,
  defaultMaxAttempts: 3,
  routingStrategy: "least_loaded",
  tickMs: 250,
  cacheTtlMs: 5000,
  llmErrorRate: 0.05,
  llmLatencyMs: [50, 400],
  llmPolicy: DEFAULT_LLM_POLICY,
};

/** Delay before attempt `attempts + 1`, after `attempts` failed ones. */
export function retryDelay(settings: DomainSettings, attempts: number): number {
  return Math.min(settings.maxRetryBackoffMs, settings.retryBackoffMs * 2 ** Math.max(0, attempts - 1));
}
