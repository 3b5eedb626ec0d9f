import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { parseSamples, promtoolCheckMetrics, sampleKeys } from "../../metrics/test/exposition.js";
import { createHealth } from "./create-health.js";
import { HEALTH_METRICS } from "./metrics.js";

describe("health metrics", () => {
  it("exports check status, latency, skipped runs and lifecycle state that promtool accepts", async () => {
    const registry = new Registry();
    const health = createHealth({ registry, drainDelayMs: 0 });
    try {
      health.addCheck("db", () => true);
      health.addCheck("cache", () => ({ status: "warn" }), { critical: false });
      health.addCheck("search", () => false);
      await health.refresh();
      health.markStarted();

      const text = await registry.metrics();
      const keys = sampleKeys(parseSamples(text));
      expect(keys).toContain('health_check_status{check="db",critical="true",status="pass"} 1');
      expect(keys).toContain('health_check_status{check="db",critical="true",status="fail"} 0');
      expect(keys).toContain('health_check_status{check="cache",critical="false",status="warn"} 1');
      expect(keys).toContain('health_check_status{check="search",critical="true",status="fail"} 1');
      expect(keys).toContain('health_check_skipped_runs_total{check="db"} 0');
      expect(keys).toContain('health_lifecycle_state{state="ready"} 1');
      expect(keys).toContain('health_lifecycle_state{state="starting"} 0');
      expect(keys.some((key) => key.startsWith('health_check_latency_seconds{check="db"} '))).toBe(true);

      const promtool = promtoolCheckMetrics(text);
      expect(promtool.output).toBe("");
      expect(promtool.status).toBe(0);
    } finally {
      await health.shutdown();
    }
  });

  it("names its metrics once, refuses a registry that has them, and frees them on shutdown", async () => {
    expect(Object.values(HEALTH_METRICS).map((metric) => metric.name)).toEqual([
      "health_check_status",
      "health_check_latency_seconds",
      "health_check_skipped_runs_total",
      "health_lifecycle_state",
    ]);
    const registry = new Registry();
    const first = createHealth({ registry, drainDelayMs: 0 });
    expect(() => createHealth({ registry })).toThrow(/already has a metric named health_check_status/);
    await first.shutdown();
    expect(registry.getSingleMetric("health_check_status")).toBeUndefined();
    const second = createHealth({ registry, drainDelayMs: 0 });
    await second.shutdown();
    expect(() => createHealth({ registry: {} as never })).toThrow(/prom-client Registry/);
  });
});
