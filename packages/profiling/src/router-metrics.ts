import { createRequire } from "node:module";
import type { Registry } from "prom-client";

export type ProfileOutcome = "ok" | "busy" | "bad_request" | "unauthorized" | "aborted" | "error";

export interface RouterMetrics {
  record(type: string, result: ProfileOutcome, durationSeconds?: number): void;
}

export const PROFILES_TOTAL = "profiling_profiles_total";
export const PROFILE_DURATION_SECONDS = "profiling_profile_duration_seconds";
export const PROFILE_DURATION_BUCKETS = [0.05, 0.25, 1, 2.5, 5, 10, 15, 30, 60];

/**
 * `profiling_profiles_total{type,result}` and `profiling_profile_duration_seconds{type}` in `registry`.
 * prom-client is an optional peer, so it is loaded only when a registry is given.
 */
export function createRouterMetrics(registry: Registry | undefined): RouterMetrics {
  if (registry === undefined) return { record() {} };
  const client = loadPromClient();
  const total =
    (registry.getSingleMetric(PROFILES_TOTAL) as InstanceType<typeof client.Counter<"type" | "result">> | undefined) ??
    new client.Counter({
      name: PROFILES_TOTAL,
      help: "Profiles requested from the profiling router, by type (cpu, heap) and result.",
      labelNames: ["type", "result"],
      registers: [registry],
    });
  const duration =
    (registry.getSingleMetric(PROFILE_DURATION_SECONDS) as InstanceType<typeof client.Histogram<"type">> | undefined) ??
    new client.Histogram({
      name: PROFILE_DURATION_SECONDS,
      help: "Time taken to record and encode a profile served by the profiling router.",
      labelNames: ["type"],
      buckets: PROFILE_DURATION_BUCKETS,
      registers: [registry],
    });
  return {
    record(type, result, durationSeconds) {
      total.inc({ type, result });
      if (durationSeconds !== undefined) duration.observe({ type }, durationSeconds);
    },
  };
}

function loadPromClient(): typeof import("prom-client") {
  try {
    return createRequire(import.meta.url)("prom-client") as typeof import("prom-client");
  } catch (error) {
    throw new Error(
      `@periscope/profiling: the registry option needs prom-client installed (npm install prom-client): ${String(error)}`,
    );
  }
}
