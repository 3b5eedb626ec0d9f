// A hand-written prom-client middleware as a blog post would write it: a request counter and a duration
// histogram by method, route and status, recorded on "finish", and a /metrics route.
import { Counter, Histogram, Registry } from "prom-client";

export async function install(app) {
  const registry = new Registry();
  const labelNames = ["method", "route", "status_code"];
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests.",
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration in seconds.",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.use((request, response, next) => {
    const end = duration.startTimer();
    response.on("finish", () => {
      const labels = {
        method: request.method,
        route: request.route?.path ?? request.path,
        status_code: response.statusCode,
      };
      requests.inc(labels);
      end(labels);
    });
    next();
  });
  app.get("/metrics", async (_request, response) => {
    response.set("content-type", registry.contentType);
    response.end(await registry.metrics());
  });
}
