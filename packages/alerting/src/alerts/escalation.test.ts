import { describe, expect, it } from "vitest";
import { createAlert } from "./alert.js";
import { createEscalationPolicy, evaluateEscalation } from "./escalation.js";
import { transition } from "./lifecycle.js";

const t0 = new Date("2026-03-01T10:00:00.000Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const policy = createEscalationPolicy({
  name: "api-oncall",
  steps: [
    { afterMinutes: 0, receivers: ["slack-api"] },
    { afterMinutes: 5, receivers: ["pagerduty-primary"] },
    { afterMinutes: 15, receivers: ["pagerduty-secondary", "email-leads"] },
  ],
});
const alert = createAlert({ labels: { alertname: "ServiceDown", service: "api" } }, t0);

describe("evaluateEscalation", () => {
  it("notifies the first step at once and says when the next is due", () => {
    const decision = evaluateEscalation(policy, alert, 0, at(0));
    expect(decision.due.map((entry) => entry.index)).toEqual([0]);
    expect(decision.nextAt).toEqual(at(5));
    expect(decision.stopped).toBe(false);
  });

  it("escalates to the next step when unacknowledged after N minutes", () => {
    expect(evaluateEscalation(policy, alert, 1, at(4.99)).due).toEqual([]);
    const decision = evaluateEscalation(policy, alert, 1, at(5));
    expect(decision.due).toEqual([{ index: 1, step: policy.steps[1] }]);
    expect(decision.nextAt).toEqual(at(15));
  });

  it("catches up on several steps when the worker was late", () => {
    const decision = evaluateEscalation(policy, alert, 0, at(20));
    expect(decision.due.map((entry) => entry.index)).toEqual([0, 1, 2]);
    expect(decision.nextAt).toBeUndefined();
  });

  it("stops once acknowledged or resolved", () => {
    const acked = transition(alert, { type: "acknowledge" }, at(2));
    expect(evaluateEscalation(policy, acked, 1, at(30))).toEqual({ due: [], stopped: true });
    const resolved = transition(alert, { type: "resolve" }, at(2));
    expect(evaluateEscalation(policy, resolved, 1, at(30)).stopped).toBe(true);
  });

  it("pauses while silenced and resumes at the end of the silence", () => {
    const silenced = transition(alert, { type: "silence", until: at(30) }, at(1));
    const decision = evaluateEscalation(policy, silenced, 1, at(10));
    expect(decision).toEqual({ due: [], nextAt: at(30), stopped: false });
  });

  it("validates policies", () => {
    expect(() => createEscalationPolicy({ name: "x", steps: [] })).toThrow(/non-empty/);
    expect(() =>
      createEscalationPolicy({
        name: "x",
        steps: [
          { afterMinutes: 10, receivers: ["a"] },
          { afterMinutes: 5, receivers: ["b"] },
        ],
      }),
    ).toThrow(/step 1: afterMinutes must be a number >= 10/);
    expect(() => createEscalationPolicy({ name: "x", steps: [{ afterMinutes: 0, receivers: [] }] })).toThrow(
      /receivers/,
    );
  });
});
