import { roundTo } from "./durations.js";
import { shutdownExitCode } from "./exit-codes.js";
import { type RegisteredHook, runShutdownHooks, type ShutdownHookResult } from "./shutdown-hooks.js";
import type { TrackedServer } from "./tracked-server.js";

export interface ShutdownResult {
  reason: string;
  /** What the process exits with after a signal: see EXIT_CODES. */
  exitCode: number;
  /** In-flight requests whose connections were cut at `requestDeadlineMs`. */
  requestsCut: number;
  hooks: ShutdownHookResult[];
  duration_ms: number;
}

export interface ShutdownPlan {
  reason: string;
  drainDelayMs: number;
  requestDeadlineMs: number;
  hookTimeoutMs: number;
  hooksTimeoutMs: number;
  servers: () => readonly TrackedServer[];
  hooks: readonly RegisteredHook[];
  onError: (error: unknown) => void;
  /** Readiness fails from here on. */
  beginDraining(): void;
  /** Checks stop, state becomes stopped. */
  finish(): void;
}

/**
 * Readiness fails at once; after the drain delay the servers stop accepting and close idle
 * connections; in-flight requests get until the deadline; then the hooks run in order.
 */
export async function runShutdown(plan: ShutdownPlan): Promise<ShutdownResult> {
  const started = performance.now();
  let requestsCut = 0;
  let hooks: ShutdownHookResult[] = [];
  let unexpectedFailure = false;
  try {
    plan.beginDraining();
    for (const server of plan.servers()) server.beginDraining();
    // Ref'd on purpose: the process must live through the drain delay.
    await new Promise((resolve) => setTimeout(resolve, plan.drainDelayMs));
    const cuts = await Promise.all(plan.servers().map((server) => server.close(plan.requestDeadlineMs)));
    requestsCut = cuts.reduce((sum, cut) => sum + cut, 0);
    hooks = await runShutdownHooks(plan.hooks, {
      reason: plan.reason,
      defaultTimeoutMs: plan.hookTimeoutMs,
      totalTimeoutMs: plan.hooksTimeoutMs,
      onError: plan.onError,
    });
  } catch (error) {
    unexpectedFailure = true;
    plan.onError(error);
  }
  try {
    plan.finish();
  } catch (error) {
    unexpectedFailure = true;
    plan.onError(error);
  }
  const hookFailed = unexpectedFailure || hooks.some((hook) => hook.status !== "ok");
  return {
    reason: plan.reason,
    exitCode: shutdownExitCode(hookFailed, requestsCut),
    requestsCut,
    hooks,
    duration_ms: roundTo(performance.now() - started, 3),
  };
}
