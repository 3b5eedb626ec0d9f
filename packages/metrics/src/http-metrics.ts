import type { Metrics } from "./create-metrics.js";
import { defineMetric } from "./definition.js";
import type { ExemplarLabels } from "./exemplars.js";
import type { CounterSeries, GaugeSeries, HistogramSeries } from "./series-handle.js";

/** Seconds; from 5 ms to 10 s, the range of a web request (prom-client's defaults). */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Bytes; from 100 B to 10 MB in powers of ten. */
export const HTTP_SIZE_BUCKETS = [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000] as const;
/** The `route` label of requests that matched no route (404s from unknown paths, say): one series for all. */
export const UNMATCHED_ROUTE = "unmatched";
/** The `status_code` label of requests whose client went away before the response was ended. */
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

/** Label sets remembered with their series handles; past this, requests take the uncached path. */
const MAX_CACHED_OUTCOMES = 5000;

interface OutcomeSeries {
  requests: CounterSeries;
  duration: HistogramSeries;
  responseSize: HistogramSeries;
  requestSize: HistogramSeries;
}

/** The HTTP RED metrics, framework-free: adapters call `started` and `finished` around each request. */
export function createHttpMetrics(metrics: Metrics) {
  const requests = metrics.counter(HTTP_METRICS.requests);
  const duration = metrics.histogram(HTTP_METRICS.duration);
  const inProgress = metrics.gauge(HTTP_METRICS.inProgress);
  const requestSize = metrics.histogram(HTTP_METRICS.requestSize);
  const responseSize = metrics.histogram(HTTP_METRICS.responseSize);

  // Series handles by method, then route, then status code: a request allocates no label object.
  const inProgressByMethod = new Map<string, GaugeSeries>();
  const outcomes = new Map<string, Map<string, Map<number | string, OutcomeSeries>>>();
  let cachedOutcomes = 0;

  const inProgressOf = (method: string) => {
    let series = inProgressByMethod.get(method);
    if (!series) {
      series = inProgress.series({ method });
      if (inProgressByMethod.size < MAX_CACHED_OUTCOMES) inProgressByMethod.set(method, series);
    }
    return series;
  };

  const outcomeOf = (method: string, route: string, statusCode: number | string): OutcomeSeries => {
    let byRoute = outcomes.get(method);
    if (!byRoute) {
      byRoute = new Map();
      outcomes.set(method, byRoute);
    }
    let byStatus = byRoute.get(route);
    if (!byStatus) {
      byStatus = new Map();
      byRoute.set(route, byStatus);
    }
    let series = byStatus.get(statusCode);
    if (!series) {
      const labels = { method, route, status_code: String(statusCode) };
      series = {
        requests: requests.series(labels),
        duration: duration.series(labels),
        responseSize: responseSize.series(labels),
        requestSize: requestSize.series({ method, route }),
      };
      if (cachedOutcomes < MAX_CACHED_OUTCOMES) {
        cachedOutcomes++;
        byStatus.set(statusCode, series);
      }
    }
    return series;
  };

  const record = (
    method: string,
    route: string,
    statusCode: number | string,
    durationSeconds: number,
    requestBytes: number | undefined,
    responseBytes: number | undefined,
    exemplar: ExemplarLabels | undefined,
  ): void => {
    inProgressOf(method).add(-1);
    const series = outcomeOf(method, route, statusCode);
    series.requests.inc(1, exemplar);
    series.duration.observe(durationSeconds, exemplar);
    if (requestBytes !== undefined) series.requestSize.observe(requestBytes, undefined);
    if (responseBytes !== undefined) series.responseSize.observe(responseBytes, undefined);
  };

  return {
    started(method: string): void {
      inProgressOf(method).add(1);
    },
    finished(outcome: HttpRequestOutcome): void {
      const { method, route, statusCode, durationSeconds, requestBytes, responseBytes, exemplar } = outcome;
      record(method, route, statusCode, durationSeconds, requestBytes, responseBytes, exemplar);
    },
    /** `finished` without the outcome object, for adapters on the hot path. */
    record,
  };
}

export type HttpMetrics = ReturnType<typeof createHttpMetrics>;
