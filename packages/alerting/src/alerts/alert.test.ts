import { describe, expect, it } from "vitest";
import { alertFingerprint } from "../alert-payload.js";
import { alertFromWebhook, alertToWebhook, createAlert } from "./alert.js";

const now = new Date("2026-03-01T10:00:00.000Z");

describe("createAlert", () => {
  it("fingerprints the label set whatever the key order", () => {
    const a = createAlert({ labels: { alertname: "HighErrorRate", service: "api", severity: "critical" } }, now);
    const b = createAlert({ labels: { severity: "critical", service: "api", alertname: "HighErrorRate" } }, now);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(a.fingerprint).toBe(alertFingerprint(a.labels));
    const c = createAlert({ labels: { alertname: "HighErrorRate", service: "web", severity: "critical" } }, now);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });

  it("starts firing at now unless told otherwise", () => {
    const alert = createAlert({ labels: { alertname: "X" }, value: 0.12 }, now);
    expect(alert).toMatchObject({ state: "firing", startsAt: now.toISOString(), value: 0.12, annotations: {} });
  });

  it("rejects malformed input with the field's name", () => {
    expect(() => createAlert({ labels: { service: "api" } })).toThrow(/alertname/);
    expect(() => createAlert({ labels: { alertname: "X", count: 3 as unknown as string } })).toThrow(/labels.count/);
    expect(() => createAlert({ labels: { alertname: "X" }, startsAt: "yesterday" })).toThrow(/startsAt/);
    expect(() => createAlert(null as never)).toThrow(/input must be an object/);
  });
});

describe("webhook conversion", () => {
  const firing = {
    status: "firing" as const,
    labels: { alertname: "ServiceDown", service: "api" },
    annotations: { summary: "api is down" },
    startsAt: "2026-03-01T09:55:00Z",
    endsAt: "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus:9090/graph",
    fingerprint: "ignored",
  };

  it("reads a firing and a resolved alert", () => {
    const alert = alertFromWebhook(firing, now);
    expect(alert.state).toBe("firing");
    expect(alert.fingerprint).toBe(alertFingerprint(firing.labels));
    expect(alert.startsAt).toBe("2026-03-01T09:55:00.000Z");
    const resolved = alertFromWebhook({ ...firing, status: "resolved", endsAt: "2026-03-01T09:58:00Z" }, now);
    expect(resolved).toMatchObject({ state: "resolved", endsAt: "2026-03-01T09:58:00.000Z" });
  });

  it("round-trips to the v4 shape", () => {
    const back = alertToWebhook(alertFromWebhook(firing, now));
    expect(back).toEqual({
      ...firing,
      startsAt: "2026-03-01T09:55:00.000Z",
      fingerprint: alertFingerprint(firing.labels),
    });
  });

  it("rejects an unknown status", () => {
    expect(() => alertFromWebhook({ ...firing, status: "pending" as never })).toThrow(/status/);
  });
});
