import { Counter, collectDefaultMetrics, Registry } from "prom-client";
import { type CardinalityEvents, DEFAULT_MAX_SERIES } from "./cardinality.js";
import type { MetricDefinition } from "./definition.js";
import { activeSpanExemplarSource, type ExemplarSource } from "./exemplars.js";
import type { ExpositionFormat } from "./exposition-format.js";
import { GuardedCounter, GuardedGauge, GuardedHistogram, type GuardOptions } from "./guarded-metrics.js";
import { createMetricsHandler, type MetricsHandler, type MetricsHandlerOptions } from "./metrics-handler.js";
import { type RenderOptions, renderRegistryToString } from "./render.js";

export const CARDINALITY_FOLDED_SAMPLES = {
  name: "periscope_cardinality_folded_samples_total",
  help: "Samples recorded into a metric's overflow series because the metric reached its series budget.",
  labelNames: ["metric"],
} as const;

export interface CreateMetricsOptions {
  /** The registry to register into; a new one when omitted (never prom-client's global registry). */
  registry?: Registry;
  /** Prepended to every metric name this handle creates, default metrics included. None by default. */
  prefix?: string;
  /** Labels added to every series of the registry, e.g. `{ service: "api" }`. */
  defaultLabels?: Record<string, string>;
  /** prom-client's process, heap, GC and event-loop metrics. Off by default. */
  defaultMetrics?: boolean | { eventLoopMonitoringPrecision?: number };
  /** Series budget of each metric that does not set its own `maxSeries`. Default 2000. */
  maxSeriesPerMetric?: number;
  /**
   * Exemplars (trace_id, span_id) on counter and histogram samples, shown to OpenMetrics scrapers.
   * On by default when `@opentelemetry/api` is installed; `false` turns them off, a function supplies them.
   */
  exemplars?: boolean | ExemplarSource;
  /** Receives the one-time warnings of the cardinality guard. Default: `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

type Definition<L extends string> = Omit<MetricDefinition<L>, "type">;

export interface Metrics {
  readonly registry: Registry;
  readonly prefix: string;
  counter<L extends string>(definition: Definition<L>): GuardedCounter<L>;
  gauge<L extends string>(definition: Definition<L>): GuardedGauge<L>;
  histogram<L extends string>(definition: Definition<L>): GuardedHistogram<L>;
  /** Renders every metric of the registry in one string. */
  render(format?: ExpositionFormat, options?: RenderOptions): Promise<string>;
  /** A `(request, response)` handler for `/metrics`; works with node:http and Express. */
  handler(options?: Omit<MetricsHandlerOptions, "registry">): MetricsHandler;
  /** The exemplar source the handle uses (undefined when exemplars are off). */
  readonly exemplars: ExemplarSource | undefined;
  shutdown(): Promise<void>;
}

export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = options.registry ?? new Registry();
  const prefix = options.prefix ?? "";
  const defaultMaxSeries = positiveInteger(options.maxSeriesPerMetric ?? DEFAULT_MAX_SERIES, "maxSeriesPerMetric");
  const exemplars = resolveExemplars(options.exemplars);
  const onWarning = options.onWarning ?? ((message: string) => process.emitWarning(message, "PeriscopeWarning"));

  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  if (options.defaultMetrics) {
    const precision = options.defaultMetrics === true ? undefined : options.defaultMetrics.eventLoopMonitoringPrecision;
    collectDefaultMetrics({ register: registry, prefix, eventLoopMonitoringPrecision: precision });
  }

  const folded = existingOrNew(
    registry,
    `${prefix}${CARDINALITY_FOLDED_SAMPLES.name}`,
    Counter,
    CARDINALITY_FOLDED_SAMPLES.labelNames,
    () =>
      new Counter({
        ...CARDINALITY_FOLDED_SAMPLES,
        name: `${prefix}${CARDINALITY_FOLDED_SAMPLES.name}`,
        labelNames: [...CARDINALITY_FOLDED_SAMPLES.labelNames],
        registers: [registry],
      }),
  );
  const events: CardinalityEvents = {
    folded: (metric) => folded.inc({ metric }),
    warn: onWarning,
  };

  function guardOf(definition: Definition<string>, withExemplars: boolean): GuardOptions {
    const maxSeries = positiveInteger(definition.maxSeries ?? defaultMaxSeries, `maxSeries of ${definition.name}`);
    return { maxSeries, events, exemplars: withExemplars ? exemplars : undefined };
  }

  function configurationOf<L extends string>(definition: Definition<L>) {
    return {
      name: `${prefix}${definition.name}`,
      help: definition.help,
      labelNames: [...definition.labelNames],
      registers: [registry],
    };
  }

  return {
    registry,
    prefix,
    exemplars,
    counter: (definition) =>
      existingOrNew(registry, `${prefix}${definition.name}`, GuardedCounter, definition.labelNames, () => {
        return new GuardedCounter(configurationOf(definition), guardOf(definition, true));
      }),
    gauge: (definition) =>
      existingOrNew(registry, `${prefix}${definition.name}`, GuardedGauge, definition.labelNames, () => {
        return new GuardedGauge(configurationOf(definition), guardOf(definition, false));
      }),
    histogram: (definition) =>
      existingOrNew(registry, `${prefix}${definition.name}`, GuardedHistogram, definition.labelNames, () => {
        const buckets = definition.buckets ? { buckets: [...definition.buckets] } : {};
        return new GuardedHistogram({ ...configurationOf(definition), ...buckets }, guardOf(definition, true));
      }),
    render: (format = "prometheus", renderOptions) => renderRegistryToString(registry, format, renderOptions),
    handler: (handlerOptions) => createMetricsHandler({ ...handlerOptions, registry }),
    shutdown: async () => {},
  };
}

/** The same definition asked for twice (a kit created twice, a hot reload) returns the metric already there. */
function existingOrNew<M>(
  registry: Registry,
  name: string,
  kind: abstract new (...args: never[]) => M,
  labelNames: readonly string[],
  create: () => M,
): M {
  const existing = registry.getSingleMetric(name) as unknown as { type: string; labelNames?: string[] } | undefined;
  if (!existing) return create();
  const sameLabels = [...(existing.labelNames ?? [])].sort().join(",") === [...labelNames].sort().join(",");
  if (!(existing instanceof kind) || !sameLabels) {
    throw new Error(
      `@periscope/metrics: a ${existing.type} named ${name} with labels [${existing.labelNames?.join(", ")}] is ` +
        `already registered; cannot register a ${kind.name} with labels [${labelNames.join(", ")}] under that name. ` +
        "Rename one of them, or pass a registry of its own to createMetrics().",
    );
  }
  return existing;
}

function resolveExemplars(option: CreateMetricsOptions["exemplars"]): ExemplarSource | undefined {
  if (option === false) return undefined;
  if (typeof option === "function") return option;
  return activeSpanExemplarSource();
}

function positiveInteger(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`@periscope/metrics: ${option} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
