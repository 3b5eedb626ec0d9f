import { HEALTH_METRICS } from "@periscope/health";
import { describe, expect, it } from "vitest";
import { HEALTH_CHECK_METRICS } from "./external-metrics.js";

describe("metric names defined outside @periscope/metrics", () => {
  it("match @periscope/health's own definition", () => {
    expect(HEALTH_CHECK_METRICS.checkStatus.name).toBe(HEALTH_METRICS.checkStatus.name);
    expect(HEALTH_METRICS.checkStatus.labelNames).toEqual(expect.arrayContaining(["check", "status"]));
  });
});
