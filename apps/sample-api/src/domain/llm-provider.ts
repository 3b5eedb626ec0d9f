import type { createLlmMetrics } from "@periscope/metrics";
import { traced } from "@periscope/tracing";
import { enforceLlmPolicy, estimateTokens, type LlmPolicy } from "./llm-policy.js";

export const LLM_PROVIDER = "simulated";

/** US dollars per 1000 tokens. */
const MODELS = {
  "sim-large": { prompt: 0.005, completion: 0.015 },
  "sim-small": { prompt: 0.0005, completion: 0.0015 },
} as const;
type Model = keyof typeof MODELS;
const PRIMARY: Model = "sim-large";
const FALLBACK: Model = "sim-small";
const ERROR_TYPES = ["rate_limited", "timeout", "server_error"] as const;
const EXPECTED_COMPLETION_TOKENS = 256;

export interface LlmCall {
  model: Model;
  fallback: boolean;
  promptTokens: number;
  completionTokens: number;
  estimatedCostUsd: number;
  costUsd: number;
  latencyMs: number;
}

export class LlmError extends Error {
  constructor(
    readonly errorType: string,
    readonly model: string,
  ) {
    super(`${LLM_PROVIDER} model ${model} failed: ${errorType}`);
    this.name = "LlmError";
  }
}

export interface SimulatedLlmOptions {
  metrics: ReturnType<typeof createLlmMetrics>;
  /** Share of calls that fail, each model on its own (0..1). */
  errorRate: number;
  /** Latency of one call is drawn from [min, max] milliseconds. */
  latencyMs: readonly [number, number];
  random: () => number;
  /** Checked before every call; a denied call is never sent and not retried on the fallback model. */
  policy: LlmPolicy;
}

/** A stand-in model provider: latency, token counts, estimated and billed cost, errors, fallback to a smaller model. */
export function createSimulatedLlm({ metrics, errorRate, latencyMs, random, policy }: SimulatedLlmOptions) {
  async function callModel(model: Model, prompt: string, strategy: string, fallback: boolean): Promise<LlmCall> {
    return traced(
      "llm.request",
      async (span) => {
        metrics.modelSelections.inc({ model, strategy });
        const price = MODELS[model];
        const promptTokens = estimateTokens(prompt);
        const estimatedCostUsd = (promptTokens * price.prompt + EXPECTED_COMPLETION_TOKENS * price.completion) / 1000;
        metrics.estimatedCost.inc({ provider: LLM_PROVIDER, model }, estimatedCostUsd);
        const latency = latencyMs[0] + random() * (latencyMs[1] - latencyMs[0]);
        await new Promise((resolve) => setTimeout(resolve, latency).unref());
        metrics.duration.observe({ provider: LLM_PROVIDER, model }, latency / 1000);
        if (random() < errorRate) {
          const errorType = ERROR_TYPES[Math.floor(random() * ERROR_TYPES.length)] ?? "server_error";
          metrics.requests.inc({ provider: LLM_PROVIDER, model, status: "error" });
          metrics.errors.inc({ provider: LLM_PROVIDER, model, error_type: errorType });
          throw new LlmError(errorType, model);
        }
        const completionTokens = Math.round(EXPECTED_COMPLETION_TOKENS * (0.5 + random()));
        const costUsd = (promptTokens * price.prompt + completionTokens * price.completion) / 1000;
        metrics.requests.inc({ provider: LLM_PROVIDER, model, status: "success" });
        metrics.tokens.inc({ provider: LLM_PROVIDER, model, type: "prompt" }, promptTokens);
        metrics.tokens.inc({ provider: LLM_PROVIDER, model, type: "completion" }, completionTokens);
        metrics.cost.inc({ provider: LLM_PROVIDER, model }, costUsd);
        span.setAttributes({
          "gen_ai.usage.input_tokens": promptTokens,
          "gen_ai.usage.output_tokens": completionTokens,
        });
        return {
          model,
          fallback,
          promptTokens,
          completionTokens,
          estimatedCostUsd,
          costUsd,
          latencyMs: Math.round(latency),
        };
      },
      { attributes: { "gen_ai.system": LLM_PROVIDER, "gen_ai.request.model": model } },
    );
  }

  return {
    /**
     * Checks the policy (rejects with LlmPolicyError on a violation), then calls the primary model, and the
     * fallback model once if it fails; rejects with LlmError when both fail.
     */
    async complete(prompt: string, taskType: string): Promise<LlmCall> {
      enforceLlmPolicy(policy, { prompt, taskType }, metrics);
      try {
        return await callModel(PRIMARY, prompt, "primary", false);
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        metrics.fallbacks.inc({ from_model: PRIMARY, to_model: FALLBACK });
        return callModel(FALLBACK, prompt, "fallback", true);
      }
    },
  };
}

export type SimulatedLlm = ReturnType<typeof createSimulatedLlm>;
