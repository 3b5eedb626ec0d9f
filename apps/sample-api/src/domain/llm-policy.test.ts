import { createLlmMetrics, createMetrics } from "@periscope/metrics";
import { describe, expect, it } from "vitest";
import { DEFAULT_LLM_POLICY, enforceLlmPolicy, LlmPolicyError } from "./llm-policy.js";

describe("enforceLlmPolicy", () => {
  it("counts an evaluation per policy and call, and a violation per denial, naming the first denial", async () => {
    const metrics = createMetrics();
    const llm = createLlmMetrics(metrics);
    enforceLlmPolicy(DEFAULT_LLM_POLICY, { prompt: "short", taskType: "llm.chat" }, llm);
    const both = () =>
      enforceLlmPolicy(DEFAULT_LLM_POLICY, { prompt: "x".repeat(8001), taskType: "llm.unrestricted" }, llm);
    expect(both).toThrow(LlmPolicyError);
    expect(both).toThrow("model call refused by policy max_prompt_tokens");
    // Exactly at the limit (2000 tokens of 4 characters) is allowed.
    enforceLlmPolicy(DEFAULT_LLM_POLICY, { prompt: "x".repeat(8000), taskType: "llm.chat" }, llm);
    const text = await metrics.registry.metrics();
    expect(text).toContain('llm_policy_evaluations_total{policy="max_prompt_tokens",result="allowed"} 2');
    expect(text).toContain('llm_policy_evaluations_total{policy="max_prompt_tokens",result="denied"} 2');
    expect(text).toContain('llm_policy_evaluations_total{policy="blocked_task_type",result="denied"} 2');
    expect(text).toContain('llm_policy_violations_total{policy="blocked_task_type"} 2');
    await metrics.shutdown();
  });
});
