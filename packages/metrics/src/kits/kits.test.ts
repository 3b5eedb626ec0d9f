import { describe, expect, it } from "vitest";
import { parseSamples, promtoolCheckMetrics } from "../../test/exposition.js";
import { createMetrics } from "../create-metrics.js";
import { HTTP_METRICS } from "../http-metrics.js";
import { AGENT_METRICS, createAgentMetrics } from "./agents.js";
import { API_KEY_METRICS, createApiKeyMetrics } from "./api-keys.js";
import { CACHE_METRICS, createCacheMetrics } from "./cache.js";
import { CHAIN_METRICS, createChainMetrics } from "./chains.js";
import { createDatabaseMetrics, DATABASE_METRICS } from "./database.js";
import { createLlmMetrics, LLM_METRICS } from "./llm.js";
import { createNotificationMetrics, NOTIFICATION_METRICS } from "./notifications.js";
import { createScheduleMetrics, SCHEDULE_METRICS } from "./schedules.js";
import { createTaskMetrics, TASK_METRICS } from "./tasks.js";

const KITS = [
  [TASK_METRICS, createTaskMetrics],
  [AGENT_METRICS, createAgentMetrics],
  [CHAIN_METRICS, createChainMetrics],
  [SCHEDULE_METRICS, createScheduleMetrics],
  [CACHE_METRICS, createCacheMetrics],
  [DATABASE_METRICS, createDatabaseMetrics],
  [LLM_METRICS, createLlmMetrics],
  [API_KEY_METRICS, createApiKeyMetrics],
  [NOTIFICATION_METRICS, createNotificationMetrics],
] as const;

/** Records one sample on every metric of every kit, with every label set. */
function recordEverything() {
  const metrics = createMetrics({ exemplars: false });
  for (const [definitions, create] of KITS) {
    const kit = create(metrics) as Record<
      string,
      { inc?: (l: object) => void; observe?: (l: object, v: number) => void }
    >;
    for (const [key, definition] of Object.entries(definitions)) {
      const labels = Object.fromEntries(definition.labelNames.map((name: string) => [name, "x"]));
      const instrument = kit[key];
      if (definition.type === "histogram") instrument?.observe?.(labels, 0.3);
      else instrument?.inc?.(labels);
    }
  }
  return metrics;
}

describe("domain kits", () => {
  it("register every metric under its exported name, once even when created twice", async () => {
    const metrics = recordEverything();
    for (const [, create] of KITS) create(metrics);
    const names = new Set(parseSamples(await metrics.render()).map((sample) => sample.name));
    for (const [definitions] of KITS) {
      for (const definition of Object.values(definitions)) {
        const sampleName = definition.type === "histogram" ? `${definition.name}_count` : definition.name;
        expect(names, definition.name).toContain(sampleName);
      }
    }
  });

  it("pass promtool check metrics with no complaint", async () => {
    const metrics = recordEverything();
    const http = Object.values(HTTP_METRICS);
    for (const definition of http) {
      const labels = Object.fromEntries(definition.labelNames.map((name: string) => [name, "x"]));
      if (definition.type === "histogram") metrics.histogram(definition).observe(labels, 1);
      else if (definition.type === "counter") metrics.counter(definition).inc(labels);
      else metrics.gauge(definition).inc(labels);
    }
    const result = promtoolCheckMetrics(await metrics.render());
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("define unique metric names across all kits", () => {
    const names = KITS.flatMap(([definitions]) => Object.values(definitions).map((definition) => definition.name));
    expect(new Set(names).size).toBe(names.length);
  });
});
