import { describe, expect, it } from "vitest";
import { createRouter } from "./route-tree.js";

const router = createRouter({
  receiver: "default-slack",
  groupBy: ["alertname", "service"],
  routes: [
    { matchers: ['severity="critical"'], receiver: "pagerduty", continue: true, escalation: "oncall" },
    {
      matchers: ['team=~"db|storage"'],
      receiver: "db-slack",
      routes: [{ matchers: ['severity="critical"'], receiver: "db-pager" }],
    },
    { matchers: ['service="api"', 'env!="dev"'], receiver: "api-slack", groupBy: ["alertname"] },
    { matchers: ['service="api"'], receiver: "never-reached" },
  ],
});
const receivers = (labels: Record<string, string>) => router.match(labels).map((route) => route.receiver);

describe("routing tree", () => {
  it("sends unmatched alerts to the default receiver", () => {
    expect(receivers({ alertname: "X", service: "billing" })).toEqual(["default-slack"]);
    expect(router.match({})[0]).toMatchObject({ path: [], groupBy: ["alertname", "service"] });
  });

  it("stops at the first matching sibling", () => {
    expect(receivers({ service: "api", env: "prod" })).toEqual(["api-slack"]);
  });

  it("goes on after a route with continue", () => {
    expect(receivers({ severity: "critical", service: "api" })).toEqual(["pagerduty", "api-slack"]);
  });

  it("descends into children, and falls back to the parent when none matches", () => {
    expect(receivers({ team: "db", severity: "critical" })).toEqual(["pagerduty", "db-pager"]);
    expect(receivers({ team: "storage", severity: "warning" })).toEqual(["db-slack"]);
  });

  it("inherits groupBy and escalation, with the path to the route", () => {
    const [pager, api] = router.match({ severity: "critical", service: "api" });
    expect(pager).toEqual({
      receiver: "pagerduty",
      groupBy: ["alertname", "service"],
      escalation: "oncall",
      path: [0],
    });
    expect(api).toEqual({ receiver: "api-slack", groupBy: ["alertname"], path: [2] });
    expect(router.match({ team: "db", severity: "critical" })[1]?.path).toEqual([1, 0]);
  });

  it("lists its receivers", () => {
    expect(router.receivers().sort()).toEqual([
      "api-slack",
      "db-pager",
      "db-slack",
      "default-slack",
      "never-reached",
      "pagerduty",
    ]);
  });

  it("rejects a tree without a default receiver or with bad matchers", () => {
    expect(() => createRouter({ routes: [] })).toThrow(/root route needs a receiver/);
    expect(() => createRouter({ receiver: "x", routes: [{ matchers: ["nope"] }] })).toThrow(/must look like/);
    expect(() => createRouter({ receiver: "x", matchers: ['a="b"'] })).toThrow(/root route matches every alert/);
  });
});
