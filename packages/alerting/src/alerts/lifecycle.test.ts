import { describe, expect, it } from "vitest";
import { createAlert } from "./alert.js";
import { canTransition, expireSilence, InvalidTransitionError, transition } from "./lifecycle.js";

const t0 = new Date("2026-03-01T10:00:00.000Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const fresh = () => createAlert({ labels: { alertname: "HighLatency", service: "api" } }, t0);

describe("alert lifecycle", () => {
  it("goes firing -> acknowledged -> resolved with timestamps", () => {
    const acked = transition(fresh(), { type: "acknowledge", by: "ada" }, at(3));
    expect(acked).toMatchObject({ state: "acknowledged", acknowledgedAt: at(3).toISOString(), acknowledgedBy: "ada" });
    const resolved = transition(acked, { type: "resolve" }, at(9));
    expect(resolved).toMatchObject({ state: "resolved", endsAt: at(9).toISOString(), updatedAt: at(9).toISOString() });
  });

  it("does not change the input", () => {
    const alert = fresh();
    transition(alert, { type: "acknowledge" }, at(1));
    expect(alert.state).toBe("firing");
    expect(alert.acknowledgedAt).toBeUndefined();
  });

  it("starts a new episode when a resolved alert fires again", () => {
    const resolved = transition(transition(fresh(), { type: "acknowledge" }, at(1)), { type: "resolve" }, at(2));
    const again = transition(resolved, { type: "fire" }, at(30));
    expect(again.state).toBe("firing");
    expect(again.startsAt).toBe(at(30).toISOString());
    expect(again.acknowledgedAt).toBeUndefined();
    expect(again.endsAt).toBeUndefined();
  });

  it("keeps an acknowledgement when the alert keeps firing", () => {
    const acked = transition(fresh(), { type: "acknowledge" }, at(1));
    expect(transition(acked, { type: "fire" }, at(2)).state).toBe("acknowledged");
  });

  it("silences until a time, and the silence expires", () => {
    const silenced = transition(fresh(), { type: "silence", until: at(60), by: "ops" }, at(5));
    expect(silenced).toMatchObject({
      state: "silenced",
      silencedAt: at(5).toISOString(),
      silencedUntil: at(60).toISOString(),
    });
    expect(expireSilence(silenced, at(59))).toBe(silenced);
    const expired = expireSilence(silenced, at(60));
    expect(expired.state).toBe("firing");
    expect(expired.silencedUntil).toBeUndefined();
  });

  it("returns an acknowledged alert to acknowledged after its silence", () => {
    const acked = transition(fresh(), { type: "acknowledge" }, at(1));
    const silenced = transition(acked, { type: "silence", until: at(10) }, at(2));
    expect(transition(silenced, { type: "unsilence" }, at(3)).state).toBe("acknowledged");
  });

  it("refuses transitions the lifecycle does not have", () => {
    const resolved = transition(fresh(), { type: "resolve" }, at(1));
    expect(() => transition(resolved, { type: "acknowledge" }, at(2))).toThrow(InvalidTransitionError);
    expect(() => transition(resolved, { type: "silence", until: at(9) }, at(2))).toThrow(
      /"resolved" cannot take the event "silence"/,
    );
    expect(() => transition(fresh(), { type: "unsilence" }, at(2))).toThrow(InvalidTransitionError);
    expect(canTransition("firing", "acknowledge")).toBe(true);
    expect(canTransition("resolved", "acknowledge")).toBe(false);
    expect(() => transition(fresh(), { type: "silence", until: "soon" }, at(1))).toThrow(/silence.until/);
  });
});
