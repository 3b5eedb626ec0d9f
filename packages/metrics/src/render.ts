import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Registry } from "prom-client";
import {
  type ExpositionFormat,
  escapeHelp,
  escapeLabelValue,
  formatLabelPairs,
  formatValue,
} from "./exposition-format.js";
import type { StoredExemplar } from "./guarded-metrics.js";

export interface RenderOptions {
  /** The longest stretch of rendering before it yields to the event loop. Default 10 ms. */
  sliceMilliseconds?: number;
}

type Labels = Record<string, unknown>;
interface ValueEntry {
  labels: Labels;
  value: number;
  exemplar?: StoredExemplar;
}
interface HistogramEntry {
  labels: Labels;
  bucketValues: Record<string, number>;
  bucketExemplars?: Record<string, StoredExemplar | null | undefined>;
  sum: number;
  count: number;
}
interface MetricObject {
  name: string;
  help: string;
  type: string;
  hashMap?: Record<string, unknown>;
  upperBounds?: number[];
  collect?: () => unknown;
  get(): Promise<{ values?: { value: number; labels?: Labels; metricName?: string }[] }>;
}

const CHECK_CLOCK_EVERY = 128;
/** Chunks are handed on at this size even within a slice: one huge string keeps the garbage collector busy. */
const CHUNK_BYTES = 64 * 1024;
const OPENMETRICS_TYPES = new Set(["counter", "gauge", "histogram", "summary"]);

/**
 * Renders a prom-client registry as Prometheus text or OpenMetrics, in chunks. Counters, gauges and
 * histograms are read straight from prom-client's series map, so a registry with 100,000 series never
 * holds the event loop for longer than one slice; a small registry renders in one chunk with no pause.
 */
export async function* renderRegistry(
  registry: Registry,
  format: ExpositionFormat,
  options: RenderOptions = {},
): AsyncGenerator<string> {
  const sliceMilliseconds = options.sliceMilliseconds ?? 10;
  const defaultLabels = registryDefaultLabels(registry);
  let chunk = "";
  let sliceStart = performance.now();
  let sinceClockCheck = 0;

  for (const metric of registry.getMetricsAsArray() as unknown as MetricObject[]) {
    for (const lines of await renderMetric(metric, format, defaultLabels)) {
      chunk += lines;
      if (chunk.length >= CHUNK_BYTES) {
        yield chunk;
        chunk = "";
      }
      if (++sinceClockCheck < CHECK_CLOCK_EVERY) continue;
      sinceClockCheck = 0;
      if (performance.now() - sliceStart < sliceMilliseconds) continue;
      if (chunk) yield chunk;
      chunk = "";
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  if (format === "openmetrics") chunk += "# EOF\n";
  yield chunk;
}

/** Renders the whole registry into one string. */
export async function renderRegistryToString(
  registry: Registry,
  format: ExpositionFormat,
  options?: RenderOptions,
): Promise<string> {
  let text = "";
  for await (const chunk of renderRegistry(registry, format, options)) text += chunk;
  return text;
}

/** Collects the metric, then returns its header and one string per series, rendered as they are iterated. */
async function renderMetric(
  metric: MetricObject,
  format: ExpositionFormat,
  defaultLabels: Labels | undefined,
): Promise<Iterable<string>> {
  const openMetrics = format === "openmetrics";
  const familyName = openMetrics && metric.type === "counter" ? metric.name.replace(/_total$/, "") : metric.name;
  const type = openMetrics && !OPENMETRICS_TYPES.has(metric.type) ? "unknown" : metric.type;
  const header = `# HELP ${familyName} ${escapeHelp(metric.help, format)}\n# TYPE ${familyName} ${type}\n`;

  if (isSeriesMap(metric)) {
    const collected = metric.collect?.();
    if (collected instanceof Promise) await collected;
    if (metric.type === "histogram") return renderHistogram(header, metric, openMetrics, defaultLabels);
    const sampleName = openMetrics && metric.type === "counter" ? `${familyName}_total` : metric.name;
    return renderValues(header, sampleName, metric.hashMap as Record<string, ValueEntry>, openMetrics, defaultLabels);
  }

  const { values = [] } = await metric.get();
  return renderSamples(header, metric, familyName, values, openMetrics, defaultLabels);
}

// The series are walked with for-in, not Object.values(): on prom-client's dictionary of 100,000 series,
// Object.values() alone holds the event loop for about 30 ms, while for-in takes a cheaper snapshot of the
// keys and hands the entries out one by one, so the walk can pause between slices.
function* renderValues(
  header: string,
  sampleName: string,
  entries: Record<string, ValueEntry>,
  openMetrics: boolean,
  defaultLabels: Labels | undefined,
): Generator<string> {
  yield header;
  for (const key in entries) {
    const entry = entries[key];
    if (entry === undefined) continue;
    const pairs = formatLabelPairs(entry.labels, defaultLabels);
    const exemplar = openMetrics && entry.exemplar ? formatExemplar(entry.exemplar) : "";
    yield `${sampleName}${pairs ? `{${pairs}}` : ""} ${formatValue(entry.value)}${exemplar}\n`;
  }
}

/** Metrics that are not prom-client's own counters, gauges or histograms (summaries, say), from `get()`. */
function* renderSamples(
  header: string,
  metric: MetricObject,
  familyName: string,
  samples: { value: number; labels?: Labels; metricName?: string }[],
  openMetrics: boolean,
  defaultLabels: Labels | undefined,
): Generator<string> {
  yield header;
  for (const sample of samples) {
    let name = sample.metricName ?? metric.name;
    if (openMetrics && metric.type === "counter" && name === metric.name) name = `${familyName}_total`;
    const pairs = formatLabelPairs(sample.labels ?? {}, defaultLabels);
    yield `${name}${pairs ? `{${pairs}}` : ""} ${formatValue(sample.value)}\n`;
  }
}

function* renderHistogram(
  header: string,
  metric: MetricObject & { hashMap: Record<string, unknown> },
  openMetrics: boolean,
  defaultLabels: Labels | undefined,
): Generator<string> {
  yield header;
  // prom-client keeps an explicit Infinity bucket in upperBounds; `le="+Inf"` is written once, from the count.
  const bounds = (metric.upperBounds ?? []).filter((bound) => bound !== Number.POSITIVE_INFINITY);
  const boundLabels = bounds.map((bound) => `le="${escapeLabelValue(formatValue(bound))}"`);
  const entries = metric.hashMap as Record<string, HistogramEntry>;
  for (const key in entries) {
    const entry = entries[key];
    if (entry === undefined) continue;
    const pairs = formatLabelPairs(entry.labels, defaultLabels);
    const prefix = pairs ? `${pairs},` : "";
    const exemplars = openMetrics ? entry.bucketExemplars : undefined;
    let lines = "";
    let cumulative = 0;
    for (let index = 0; index < bounds.length; index++) {
      const bound = bounds[index] as number;
      cumulative += entry.bucketValues[bound] ?? 0;
      const exemplar = exemplars?.[bound];
      lines += `${metric.name}_bucket{${prefix}${boundLabels[index]}} ${cumulative}${exemplar ? formatExemplar(exemplar) : ""}\n`;
    }
    const infinityExemplar = exemplars?.[-1] ?? exemplars?.[Number.POSITIVE_INFINITY];
    lines += `${metric.name}_bucket{${prefix}le="+Inf"} ${entry.count}${infinityExemplar ? formatExemplar(infinityExemplar) : ""}\n`;
    const seriesLabels = pairs ? `{${pairs}}` : "";
    lines += `${metric.name}_sum${seriesLabels} ${formatValue(entry.sum)}\n`;
    lines += `${metric.name}_count${seriesLabels} ${entry.count}\n`;
    yield lines;
  }
}

function formatExemplar(exemplar: StoredExemplar): string {
  return ` # {${formatLabelPairs(exemplar.labelSet as unknown as Labels, undefined)}} ${formatValue(exemplar.value)} ${exemplar.timestamp}`;
}

function isSeriesMap(metric: MetricObject): metric is MetricObject & { hashMap: Record<string, unknown> } {
  return (
    (metric.type === "counter" || metric.type === "gauge" || metric.type === "histogram") &&
    typeof metric.hashMap === "object" &&
    metric.hashMap !== null
  );
}

function registryDefaultLabels(registry: Registry): Labels | undefined {
  const labels = (registry as unknown as { _defaultLabels?: Labels })._defaultLabels;
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}
