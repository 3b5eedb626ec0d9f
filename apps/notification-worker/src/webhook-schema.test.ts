import { describe, expect, it } from "vitest";
import { formatPath, parseWebhookPayload } from "./webhook-schema.js";

const alert = {
  status: "firing",
  labels: { alertname: "A" },
  annotations: {},
  startsAt: "2026-01-01T00:00:00Z",
  endsAt: "0001-01-01T00:00:00Z",
  generatorURL: "",
  fingerprint: "abc",
};
const body = {
  version: "4",
  groupKey: "{}",
  truncatedAlerts: 0,
  status: "firing",
  receiver: "worker",
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: "",
  alerts: [alert],
};

describe("parseWebhookPayload", () => {
  it("refuses an own __proto__ key anywhere, which a record schema would silently drop", () => {
    const labels = JSON.parse('{"alertname":"A","__proto__":{"polluted":"yes"}}');
    expect(parseWebhookPayload({ ...body, alerts: [{ ...alert, labels }] })).toEqual({
      ok: false,
      error: 'alerts[0].labels.__proto__: a "__proto__" key is not allowed',
    });
    expect(parseWebhookPayload(JSON.parse('{"__proto__":{"version":"4"}}'))).toMatchObject({ ok: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("accepts an Alertmanager v4 payload and drops fields it does not know", () => {
    const result = parseWebhookPayload({ ...body, somethingNew: true });
    expect(result.ok && result.payload.alerts[0]?.labels).toEqual({ alertname: "A" });
    expect(result.ok && "somethingNew" in result.payload).toBe(false);
  });

  it.each([
    [null, "(body):"],
    [{ ...body, truncatedAlerts: -1 }, "truncatedAlerts:"],
    [{ ...body, alerts: [{ ...alert, labels: { "bad-name": "x", alertname: "A" } }] }, "alerts[0].labels.bad-name:"],
    [{ ...body, alerts: [{ ...alert, annotations: { a: 1 } }] }, "alerts[0].annotations.a:"],
    [{ ...body, alerts: [{ ...alert, endsAt: 5 }] }, "alerts[0].endsAt:"],
  ])("names the path of the bad field (%#)", (input, reason) => {
    const result = parseWebhookPayload(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(reason);
  });

  it("formats paths like JavaScript", () => {
    expect(formatPath(["alerts", 2, "labels", "x"])).toBe("alerts[2].labels.x");
    expect(formatPath([])).toBe("");
  });
});
