import { describe, expect, it } from "vitest";
import type { CheckResult } from "./check-types.js";
import { aggregateChecks, readinessStatus } from "./status.js";

const result = (status: CheckResult["status"], critical: boolean): CheckResult => ({
  status,
  critical,
  latency_ms: 1,
  last_checked: new Date().toISOString(),
});

describe("aggregateChecks", () => {
  it("passes with no checks or only passing ones", () => {
    expect(aggregateChecks([])).toBe("pass");
    expect(aggregateChecks([result("pass", true), result("pass", false)])).toBe("pass");
  });

  it("fails on a critical failure, whatever else passes", () => {
    expect(aggregateChecks([result("pass", false), result("fail", true), result("warn", false)])).toBe("fail");
  });

  it("degrades on a non-critical failure or any warning", () => {
    expect(aggregateChecks([result("pass", true), result("fail", false)])).toBe("degraded");
    expect(aggregateChecks([result("warn", true)])).toBe("degraded");
  });
});

describe("readinessStatus", () => {
  it("follows the checks only while ready", () => {
    expect(readinessStatus("ready", "degraded")).toBe("degraded");
    expect(readinessStatus("starting", "pass")).toBe("fail");
    expect(readinessStatus("draining", "pass")).toBe("fail");
    expect(readinessStatus("stopped", "pass")).toBe("fail");
  });
});
