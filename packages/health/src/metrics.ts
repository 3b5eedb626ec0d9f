import { createRequire } from "node:module";
import type { CheckStatus } from "./check-types.js";
import type { HealthReport } from "./report.js";
import { LIFECYCLE_STATES } from "./status.js";

/** Names, help and labels of the metrics a handle exports when given a prom-client registry. */
export const HEALTH_METRICS = {
  checkStatus: {
    name: "health_check_status",
    help: "1 for the current status of each health check (pass, warn or fail), 0 for the others.",
    type: "gauge",
    labelNames: ["check", "critical", "status"],
  },
  checkLatency: {
    name: "health_check_latency_seconds",
    help: "How long the last run of each health check took (its timeout when it timed out).",
    type: "gauge",
    labelNames: ["check"],
  },
  checkSkippedRuns: {
    name: "health_check_skipped_runs_total",
    help: "Runs of a health check skipped because its previous run had not settled.",
    type: "counter",
    labelNames: ["check"],
  },
  lifecycleState: {
    name: "health_lifecycle_state",
    help: "1 for the current lifecycle state (starting, ready, draining, stopped), 0 for the others.",
    type: "gauge",
    labelNames: ["state"],
  },
} as const;

const STATUSES: readonly CheckStatus[] = ["pass", "warn", "fail"];

/** The parts of prom-client's Registry the handle uses. */
export interface RegistryLike {
  registerMetric(metric: unknown): void;
  removeSingleMetric(name: string): void;
  getSingleMetric(name: string): unknown;
}

export interface MetricsSource {
  report(): HealthReport;
  skippedRuns(): Iterable<[string, number]>;
}

interface PromClient {
  Gauge: new (
    configuration: Record<string, unknown>,
  ) => {
    reset(): void;
    set(labels: Record<string, string>, value: number): void;
  };
  Counter: new (
    configuration: Record<string, unknown>,
  ) => {
    reset(): void;
    inc(labels: Record<string, string>, value: number): void;
  };
}

/** Registers the health metrics; their values are read from the cache at scrape time. Returns an unregister function. */
export function registerHealthMetrics(registry: RegistryLike, source: MetricsSource): () => void {
  if (typeof registry?.registerMetric !== "function" || typeof registry.getSingleMetric !== "function") {
    throw new TypeError("@periscope/health: registry must be a prom-client Registry");
  }
  for (const definition of Object.values(HEALTH_METRICS)) {
    if (registry.getSingleMetric(definition.name)) {
      throw new Error(
        `@periscope/health: the registry already has a metric named ${definition.name}; ` +
          "use one createHealth() per registry, or shut the previous handle down first",
      );
    }
  }
  const client = loadPromClient();
  const common = { registers: [registry] };
  new client.Gauge({
    ...common,
    name: HEALTH_METRICS.checkStatus.name,
    help: HEALTH_METRICS.checkStatus.help,
    labelNames: HEALTH_METRICS.checkStatus.labelNames,
    collect(this: InstanceType<PromClient["Gauge"]>) {
      this.reset();
      for (const [check, result] of Object.entries(source.report().checks)) {
        for (const status of STATUSES) {
          this.set({ check, critical: String(result.critical), status }, result.status === status ? 1 : 0);
        }
      }
    },
  });
  new client.Gauge({
    ...common,
    name: HEALTH_METRICS.checkLatency.name,
    help: HEALTH_METRICS.checkLatency.help,
    labelNames: HEALTH_METRICS.checkLatency.labelNames,
    collect(this: InstanceType<PromClient["Gauge"]>) {
      this.reset();
      for (const [check, result] of Object.entries(source.report().checks)) {
        if (result.last_checked !== null) this.set({ check }, result.latency_ms / 1000);
      }
    },
  });
  new client.Counter({
    ...common,
    name: HEALTH_METRICS.checkSkippedRuns.name,
    help: HEALTH_METRICS.checkSkippedRuns.help,
    labelNames: HEALTH_METRICS.checkSkippedRuns.labelNames,
    collect(this: InstanceType<PromClient["Counter"]>) {
      this.reset();
      for (const [check, skipped] of source.skippedRuns()) this.inc({ check }, skipped);
    },
  });
  new client.Gauge({
    ...common,
    name: HEALTH_METRICS.lifecycleState.name,
    help: HEALTH_METRICS.lifecycleState.help,
    labelNames: HEALTH_METRICS.lifecycleState.labelNames,
    collect(this: InstanceType<PromClient["Gauge"]>) {
      const current = source.report().state;
      for (const state of LIFECYCLE_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });
  return () => {
    for (const definition of Object.values(HEALTH_METRICS)) registry.removeSingleMetric(definition.name);
  };
}

function loadPromClient(): PromClient {
  try {
    return createRequire(import.meta.url)("prom-client") as PromClient;
  } catch (error) {
    throw new Error(
      "@periscope/health: the registry option needs prom-client (a peer dependency): npm install prom-client",
      { cause: error },
    );
  }
}
