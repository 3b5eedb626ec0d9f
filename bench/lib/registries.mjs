// Builds prom-client registries of a given size for the scrape benchmark: one counter or one histogram
// (default buckets) with three labels, every series holding a few samples; with `exemplars`, an OpenMetrics
// registry whose samples carry trace_id/span_id exemplars, the way prom-client stores them.
import { Counter, Histogram, Registry } from "prom-client";

const LABEL_NAMES = ["tenant", "route", "status_code"];
const STATUS_CODES = ["200", "201", "404", "500"];

function labelsOf(index) {
  return {
    tenant: `tenant-${Math.floor(index / 400)}`,
    route: `/api/v1/resource-${Math.floor(index / 4) % 100}/:id`,
    status_code: STATUS_CODES[index % STATUS_CODES.length],
  };
}

function exemplarOf(index) {
  const hex = index.toString(16).padStart(16, "0");
  return { trace_id: `${hex}${hex}`, span_id: hex };
}

/** A registry holding `series` series of one metric of `kind` ("counter" or "histogram"). */
export function buildRegistry(kind, series, { exemplars = false } = {}) {
  const registry = exemplars ? new Registry(Registry.OPENMETRICS_CONTENT_TYPE) : new Registry();
  const configuration = { labelNames: LABEL_NAMES, registers: [registry], enableExemplars: exemplars };
  if (kind === "counter") {
    const counter = new Counter({ name: "bench_requests_total", help: "Requests, by tenant.", ...configuration });
    for (let index = 0; index < series; index++) {
      const value = 1 + (index % 97);
      if (exemplars) counter.inc({ labels: labelsOf(index), value, exemplarLabels: exemplarOf(index) });
      else counter.inc(labelsOf(index), value);
    }
  } else if (kind === "histogram") {
    const histogram = new Histogram({
      name: "bench_duration_seconds",
      help: "Durations, by tenant.",
      ...configuration,
    });
    for (let index = 0; index < series; index++) {
      const labels = labelsOf(index);
      for (const value of [0.003, 0.04 + (index % 10) / 100, 1.7]) {
        if (exemplars) histogram.observe({ labels, value, exemplarLabels: exemplarOf(index) });
        else histogram.observe(labels, value);
      }
    }
  } else {
    throw new Error(`unknown metric kind "${kind}"; expected counter or histogram`);
  }
  return registry;
}
