import type { Metrics } from "./create-metrics.js";
import type { MetricDefinition, MetricType } from "./definition.js";
import type { GuardedCounter, GuardedGauge, GuardedHistogram } from "./guarded-metrics.js";

type InstrumentOf<D> =
  D extends MetricDefinition<infer L, infer T>
    ? T extends "counter"
      ? GuardedCounter<L>
      : T extends "gauge"
        ? GuardedGauge<L>
        : GuardedHistogram<L>
    : never;

export type Kit<D extends Record<string, MetricDefinition<string, MetricType>>> = {
  readonly [K in keyof D]: InstrumentOf<D[K]>;
};

/** Registers every metric of a kit's definitions and returns them under the same keys. */
export function createKit<const D extends Record<string, MetricDefinition<string, MetricType>>>(
  metrics: Metrics,
  definitions: D,
): Kit<D> {
  const kit: Record<string, unknown> = {};
  for (const [key, definition] of Object.entries(definitions)) {
    kit[key] =
      definition.type === "counter"
        ? metrics.counter(definition)
        : definition.type === "gauge"
          ? metrics.gauge(definition)
          : metrics.histogram(definition);
  }
  return kit as Kit<D>;
}
