import type { createLlmMetrics } from "@periscope/metrics";

/** The content policy every model call is checked against before it is sent. */
export interface LlmPolicy {
  /** A prompt estimated above this many tokens (4 characters a token) is refused. */
  maxPromptTokens: number;
  /** Task types no model is called for. */
  blockedTaskTypes: readonly string[];
}

export const DEFAULT_LLM_POLICY: LlmPolicy = {
  maxPromptTokens: 2000,
  blockedTaskTypes: ["llm.unrestricted"],
};

export class LlmPolicyError extends Error {
  constructor(readonly policy: string) {
    super(`model call refused by policy ${policy}`);
    this.name = "LlmPolicyError";
  }
}

export const estimateTokens = (prompt: string): number => Math.max(1, Math.ceil(prompt.length / 4));

/**
 * Runs each policy on one call, recording `llm_policy_evaluations_total{policy,result}` for each and
 * `llm_policy_violations_total{policy}` for the ones that deny; throws LlmPolicyError naming the first denial.
 */
export function enforceLlmPolicy(
  policy: LlmPolicy,
  call: { prompt: string; taskType: string },
  metrics: ReturnType<typeof createLlmMetrics>,
): void {
  const checks: Array<[string, boolean]> = [
    ["max_prompt_tokens", estimateTokens(call.prompt) <= policy.maxPromptTokens],
    ["blocked_task_type", !policy.blockedTaskTypes.includes(call.taskType)],
  ];
  let denied: string | undefined;
  for (const [name, allowed] of checks) {
    metrics.policyEvaluations.inc({ policy: name, result: allowed ? "allowed" : "denied" });
    if (allowed) continue;
    metrics.policyViolations.inc({ policy: name });
    denied ??= name;
  }
  if (denied !== undefined) throw new LlmPolicyError(denied);
}
