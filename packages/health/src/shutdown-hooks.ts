import { roundTo } from "./durations.js";
import { describeError, truncate } from "./outcome.js";

export interface ShutdownHookContext {
  /** Aborted when the hook's deadline passes. */
  signal: AbortSignal;
  /** Why the shutdown happened, e.g. "signal SIGTERM". */
  reason: string;
}

export type ShutdownHookFunction = (context: ShutdownHookContext) => unknown;

export interface ShutdownHookOptions {
  /** The hook's own deadline. Default: the handle's `hookTimeoutMs` (5000). */
  timeoutMs?: number;
}

export interface ShutdownHookResult {
  name: string;
  status: "ok" | "failed" | "timed_out" | "skipped";
  duration_ms: number;
  error?: string;
}

export interface RegisteredHook {
  name: string;
  run: ShutdownHookFunction;
  timeoutMs: number | undefined;
}

export interface RunHooksOptions {
  reason: string;
  defaultTimeoutMs: number;
  /** All hooks together; a hook that would start after it is skipped. */
  totalTimeoutMs: number;
  onError: (error: unknown) => void;
}

/** Runs the hooks one after another, in registration order, each within its deadline. */
export async function runShutdownHooks(
  hooks: readonly RegisteredHook[],
  options: RunHooksOptions,
): Promise<ShutdownHookResult[]> {
  const results: ShutdownHookResult[] = [];
  const overallDeadline = performance.now() + options.totalTimeoutMs;
  // Read the live array: a hook may register another one, which then runs too.
  let overallExpired = false;
  for (let index = 0; index < hooks.length; index++) {
    const hook = hooks[index] as RegisteredHook;
    const remaining = overallDeadline - performance.now();
    if (overallExpired || remaining < 1) {
      results.push({ name: hook.name, status: "skipped", duration_ms: 0, error: "overall hook deadline passed" });
      options.onError(new Error(`@periscope/health: shutdown hook "${hook.name}" skipped: overall deadline passed`));
      continue;
    }
    const ownTimeout = hook.timeoutMs ?? options.defaultTimeoutMs;
    const result = await runOne(hook, Math.min(ownTimeout, remaining), options);
    // Timers may fire a fraction early: a hook cut by the overall deadline ends the run for sure.
    overallExpired = result.status === "timed_out" && remaining < ownTimeout;
    results.push(result);
  }
  return results;
}

async function runOne(hook: RegisteredHook, timeoutMs: number, options: RunHooksOptions): Promise<ShutdownHookResult> {
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  // Ref'd on purpose: a hook with nothing else keeping the loop alive must still reach its deadline.
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const attempt = Promise.resolve()
    .then(() => hook.run({ signal: controller.signal, reason: options.reason }))
    .then(
      () => ({ failed: false as const }),
      (error: unknown) => ({ failed: true as const, error }),
    );
  const outcome = await Promise.race([attempt, timedOut]);
  clearTimeout(timer);
  const duration_ms = roundTo(performance.now() - started, 3);
  if (outcome === null) {
    const message = `timed out after ${Math.round(timeoutMs)} ms`;
    controller.abort(new Error(message));
    options.onError(new Error(`@periscope/health: shutdown hook "${hook.name}" ${message}`));
    return { name: hook.name, status: "timed_out", duration_ms, error: message };
  }
  if (!outcome.failed) return { name: hook.name, status: "ok", duration_ms };
  const message = truncate(describeError(outcome.error));
  options.onError(
    new Error(`@periscope/health: shutdown hook "${hook.name}" failed: ${message}`, { cause: outcome.error }),
  );
  return { name: hook.name, status: "failed", duration_ms, error: message };
}
