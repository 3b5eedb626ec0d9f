// Builds prom-client registries of a given size for the scrape benchmark: one counter or one histogram
// with three labels, every series holding a few samples.
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

/** A registry holding `series` series of one metric of `kind` ("counter" or "histogram"). */
export function buildRegistry(kind, series) {
  const registry = new Registry();
  const configuration = { labelNames: LABEL_NAMES, registers: [registry] };
  if (kind === "counter") {
    const counter = new Counter({ name: "bench_requests_total", help: "Requests, by tenant.", ...configuration });
    for (let index = 0; index < series; index++) counter.inc(labelsOf(index), 1 + (index % 97));
  } else if (kind === "histogram") {
    const histogram = new Histogram({
      name: "bench_duration_seconds",
      help: "Durations, by tenant.",
      ...configuration,
    });
    for (let index = 0; index < series; index++) {
      const labels = labelsOf(index);
      for (const value of [0.003, 0.04 + (index % 10) / 100, 1.7]) histogram.observe(labels, value);
    }
  } else {
    throw new Error(`unknown metric kind "${kind}"; expected counter or histogram`);
  }
  return registry;
}
