import { describe, expect, it } from "vitest";
import { createAlert } from "../alerts/alert.js";
import { transition } from "../alerts/lifecycle.js";
import { createInhibitor } from "./inhibition.js";

const alert = (labels: Record<string, string>) => createAlert({ labels });
const critical = alert({ alertname: "HighErrorRate", service: "api", severity: "critical" });
const warning = alert({ alertname: "HighErrorRate", service: "api", severity: "warning" });
const otherService = alert({ alertname: "HighErrorRate", service: "web", severity: "warning" });
const otherAlert = alert({ alertname: "HighLatency", service: "api", severity: "warning" });

describe("inhibition", () => {
  it("a critical alert mutes warnings of the same alertname and service only", () => {
    const { notify, inhibited } = createInhibitor().filter([critical, warning, otherService, otherAlert]);
    expect(inhibited).toEqual([warning]);
    expect(notify).toEqual([critical, otherService, otherAlert]);
  });

  it("a resolved critical alert mutes nothing", () => {
    const resolved = transition(critical, { type: "resolve" });
    expect(createInhibitor().inhibitedBy(warning, [resolved, warning])).toBeUndefined();
    expect(createInhibitor().inhibitedBy(warning, [critical, warning])).toBe(critical);
  });

  it("takes configurable rules and equal labels", () => {
    const inhibitor = createInhibitor([
      { sourceMatchers: ['alertname="ServiceDown"'], targetMatchers: ['alertname!="ServiceDown"'], equal: ["service"] },
    ]);
    const down = alert({ alertname: "ServiceDown", service: "api", severity: "critical" });
    expect(inhibitor.filter([down, warning, critical, otherService]).inhibited).toEqual([warning, critical]);
  });

  it("never lets an alert inhibit itself", () => {
    const inhibitor = createInhibitor([{ sourceMatchers: [], targetMatchers: [], equal: [] }]);
    expect(inhibitor.filter([critical]).notify).toEqual([critical]);
  });

  it("rejects malformed rules", () => {
    expect(() => createInhibitor([{ sourceMatchers: ["bad"], targetMatchers: [], equal: [] }])).toThrow(
      /must look like/,
    );
    expect(() => createInhibitor([{ sourceMatchers: [], targetMatchers: [] } as never])).toThrow(/equal/);
  });
});
