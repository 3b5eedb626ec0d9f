import type { CheckResult } from "./check-types.js";

/** The lifecycle of a service: starting until `markStarted()`, ready, draining on shutdown, then stopped. */
export type LifecycleState = "starting" | "ready" | "draining" | "stopped";

export const LIFECYCLE_STATES: readonly LifecycleState[] = ["starting", "ready", "draining", "stopped"];

/** `degraded`: only non-critical checks fail, or some check warns; still ready (HTTP 200). */
export type OverallStatus = "pass" | "degraded" | "fail";

/** Combines check results: any critical failure fails; any other failure or warning degrades. */
export function aggregateChecks(results: Iterable<CheckResult>): OverallStatus {
  let status: OverallStatus = "pass";
  for (const result of results) {
    if (result.status === "fail" && result.critical) return "fail";
    if (result.status !== "pass") status = "degraded";
  }
  return status;
}

/** The readiness status: the checks' status while ready, fail in every other lifecycle state. */
export function readinessStatus(state: LifecycleState, checks: OverallStatus): OverallStatus {
  return state === "ready" ? checks : "fail";
}
