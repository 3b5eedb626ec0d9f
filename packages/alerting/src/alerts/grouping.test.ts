import { describe, expect, it } from "vitest";
import { groupAlerts, labelSetKey } from "./grouping.js";

const alert = (labels: Record<string, string>) => ({ labels });

describe("groupAlerts", () => {
  const alerts = [
    alert({ alertname: "HighErrorRate", service: "api", instance: "a" }),
    alert({ alertname: "HighErrorRate", service: "api", instance: "b" }),
    alert({ alertname: "HighErrorRate", service: "web", instance: "c" }),
    alert({ alertname: "DiskLow", instance: "d" }),
  ];

  it("groups by the given labels in order of first appearance", () => {
    const groups = groupAlerts(alerts, ["alertname", "service"]);
    expect(groups.map((group) => group.key)).toEqual([
      '{alertname="HighErrorRate",service="api"}',
      '{alertname="HighErrorRate",service="web"}',
      '{alertname="DiskLow"}',
    ]);
    expect(groups[0]?.alerts).toHaveLength(2);
    expect(groups[2]?.labels).toEqual({ alertname: "DiskLow" });
  });

  it("puts everything in one group for no labels, and one group per label set for '...'", () => {
    expect(groupAlerts(alerts, [])).toHaveLength(1);
    expect(groupAlerts(alerts, "...")).toHaveLength(4);
  });

  it("keys are stable over label order", () => {
    expect(labelSetKey({ b: "2", a: "1" })).toBe(labelSetKey({ a: "1", b: "2" }));
  });

  it("rejects a bad groupBy", () => {
    expect(() => groupAlerts(alerts, "alertname" as never)).toThrow(/groupBy/);
  });
});
