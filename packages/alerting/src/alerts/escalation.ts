import type { Alert } from "./alert.js";

export interface EscalationStep {
  /** Minutes after the alert started firing, unacknowledged, when this step is notified. */
  afterMinutes: number;
  receivers: string[];
}

export interface EscalationPolicy {
  name: string;
  steps: EscalationStep[];
}

export interface EscalationDecision {
  /** Steps to notify now, in order (usually one; more when the worker was late). */
  due: { index: number; step: EscalationStep }[];
  /** When the next step falls due, if the alert stays unacknowledged; absent when none is left or escalation stopped. */
  nextAt?: Date;
  /** True when the alert is acknowledged or resolved: nothing more will be notified for this episode. */
  stopped: boolean;
}

/** Validates a policy: steps in non-decreasing `afterMinutes`, each with at least one receiver. */
export function createEscalationPolicy(policy: EscalationPolicy): EscalationPolicy {
  if (policy === null || typeof policy !== "object") throw new TypeError("escalation policy must be an object");
  if (typeof policy.name !== "string" || policy.name === "") throw new TypeError("escalation policy name is required");
  if (!Array.isArray(policy.steps) || policy.steps.length === 0) {
    throw new TypeError(`escalation policy "${policy.name}": steps must be a non-empty array`);
  }
  let previous = 0;
  policy.steps.forEach((step, index) => {
    const where = `escalation policy "${policy.name}" step ${index}`;
    if (!Number.isFinite(step.afterMinutes) || step.afterMinutes < previous) {
      throw new RangeError(`${where}: afterMinutes must be a number >= ${previous}, got ${String(step.afterMinutes)}`);
    }
    if (!Array.isArray(step.receivers) || step.receivers.length === 0) {
      throw new TypeError(`${where}: receivers must be a non-empty array`);
    }
    previous = step.afterMinutes;
  });
  return { name: policy.name, steps: policy.steps.map((step) => ({ ...step, receivers: [...step.receivers] })) };
}

/**
 * What escalation owes an alert at `now`, given how many steps were already notified. A pure function of
 * the alert, the progress and the clock: the caller records `notifiedSteps += due.length` after sending,
 * and calls again at `nextAt`. A silenced alert escalates nothing while silenced but is not stopped.
 */
export function evaluateEscalation(
  policy: EscalationPolicy,
  alert: Pick<Alert, "state" | "startsAt" | "silencedUntil">,
  notifiedSteps: number,
  now: Date,
): EscalationDecision {
  if (alert.state === "acknowledged" || alert.state === "resolved") return { due: [], stopped: true };
  const started = Date.parse(alert.startsAt);
  if (Number.isNaN(started)) throw new TypeError(`alert.startsAt must be a valid date, got ${alert.startsAt}`);
  const dueAt = (step: EscalationStep) => started + step.afterMinutes * 60_000;
  const from = Math.max(0, Math.floor(notifiedSteps));
  const pending = policy.steps.map((step, index) => ({ index, step })).slice(from);
  if (alert.state === "silenced") {
    const until = alert.silencedUntil ? Date.parse(alert.silencedUntil) : Number.NaN;
    const next = pending[0];
    if (!next) return { due: [], stopped: false };
    const at = Math.max(dueAt(next.step), Number.isNaN(until) ? dueAt(next.step) : until);
    return { due: [], nextAt: new Date(at), stopped: false };
  }
  const due = pending.filter(({ step }) => dueAt(step) <= now.getTime());
  const next = pending[due.length];
  const decision: EscalationDecision = { due, stopped: false };
  if (next) decision.nextAt = new Date(dueAt(next.step));
  return decision;
}
