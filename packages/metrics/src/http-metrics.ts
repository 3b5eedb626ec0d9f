import type { Metrics } from "./create-metrics.js";
import { defineMetric } from "./definition.js";
import type { ExemplarLabels } from "./exemplars.js";

/** Seconds; from 5 ms to 10 s, the range of a web request (prom-client's defaults). */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Bytes; from 100 B to 10 MB in powers of ten. */
export const HTTP_SIZE_BUCKETS = [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000] as const;
/** The `route` label of requests that matched no route (404s from unknown paths, say): one series for all. */
export const UNMATCHED_ROUTE = "unmatched";
/** The `status_code` label of requests whose client went away before the response was complete. */
export const CLIENT_CLOSED_STATUS = "499";

export const HTTP_METRICS = {
  requests: defineMetric({
    name: "http_requests_total",
    help: "HTTP requests answered, by method, route template and status code.",
    type: "counter",
    labelNames: ["method", "route", "status_code"],
  }),
  duration: defineMetric({
    name: "http_request_duration_seconds",
    help: "Time from receiving an HTTP request to finishing its response, by method, route template and status code.",
    type: "histogram",
    labelNames: ["method", "route", "status_code"],
    buckets: HTTP_DURATION_BUCKETS,
  }),
  inProgress: defineMetric({
    name: "http_requests_in_progress",
    help: "HTTP requests received whose response is not finished yet.",
    type: "gauge",
    labelNames: ["method"],
  }),
  requestSize: defineMetric({
    name: "http_request_size_bytes",
    help: "Size of HTTP request bodies as declared by Content-Length, by method and route template.",
    type: "histogram",
    labelNames: ["method", "route"],
    buckets: HTTP_SIZE_BUCKETS,
  }),
  responseSize: defineMetric({
    name: "http_response_size_bytes",
    help: "Size of HTTP response bodies as declared by Content-Length, by method, route template and status code.",
    type: "histogram",
    labelNames: ["method", "route", "status_code"],
    buckets: HTTP_SIZE_BUCKETS,
  }),
} as const;

export interface HttpRequestOutcome {
  method: string;
  route: string;
  statusCode: string;
  durationSeconds: number;
  requestBytes: number | undefined;
  responseBytes: number | undefined;
  exemplar: ExemplarLabels | undefined;
}

/** The HTTP RED metrics, framework-free: adapters call `started` and `finished` around each request. */
export function createHttpMetrics(metrics: Metrics) {
  const requests = metrics.counter(HTTP_METRICS.requests);
  const duration = metrics.histogram(HTTP_METRICS.duration);
  const inProgress = metrics.gauge(HTTP_METRICS.inProgress);
  const requestSize = metrics.histogram(HTTP_METRICS.requestSize);
  const responseSize = metrics.histogram(HTTP_METRICS.responseSize);
  const methodLabels = new Map<string, { method: string }>();
  const labelsOfMethod = (method: string) => {
    let labels = methodLabels.get(method);
    if (!labels) {
      labels = { method };
      methodLabels.set(method, labels);
    }
    return labels;
  };

  return {
    started(method: string): void {
      inProgress.inc(labelsOfMethod(method));
    },
    finished(outcome: HttpRequestOutcome): void {
      const { method, route, statusCode, exemplar } = outcome;
      inProgress.dec(labelsOfMethod(method));
      const labels = { method, route, status_code: statusCode };
      requests.incWithExemplarLabels(labels, 1, exemplar);
      duration.observeWithExemplarLabels(labels, outcome.durationSeconds, exemplar);
      if (outcome.requestBytes !== undefined) {
        requestSize.observeWithExemplarLabels({ method, route }, outcome.requestBytes, undefined);
      }
      if (outcome.responseBytes !== undefined) {
        responseSize.observeWithExemplarLabels(labels, outcome.responseBytes, undefined);
      }
    },
  };
}

export type HttpMetrics = ReturnType<typeof createHttpMetrics>;
