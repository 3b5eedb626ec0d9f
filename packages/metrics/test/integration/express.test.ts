import { request } from "node:http";
import { context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import express5 from "express";
import express4 from "express4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricsMiddleware } from "../../src/express.js";
import { createMetrics, type Metrics, UNMATCHED_ROUTE } from "../../src/index.js";
import { parseSamples, promtoolCheckMetrics, type Sample } from "../exposition.js";
import { listen } from "../http-server.js";
import { getAll } from "../load.js";

type ExpressFactory = typeof express5;

/** An app as services build it: routers nested three deep with parameters in mount paths, a sub-app, an error handler. */
function buildApp(express: ExpressFactory, metrics: Metrics) {
  const app = express();
  // Stands in for @periscope/tracing until it exists: every request runs inside a sampled span.
  const tracer = trace.getTracer("test");
  app.use((request, _response, next) => {
    const span = tracer.startSpan(`${request.method} ${request.path}`);
    request.on("close", () => span.end());
    context.with(trace.setSpan(context.active(), span), next);
  });
  app.use(metricsMiddleware(metrics));

  const tasks = express.Router({ mergeParams: true });
  tasks.get("/", (_request, response) => void response.json([]));
  tasks.get("/:taskId", (request, response) => void response.json({ id: request.params.taskId }));
  tasks.post("/:taskId/complete", (_request, response) => void response.status(204).end());
  tasks.get("/:taskId/fail", () => {
    throw new Error("task handler failed");
  });
  const agents = express.Router();
  agents.use("/:agentId/tasks", tasks);
  const v1 = express.Router();
  v1.use("/agents", agents);
  v1.get("/slow", (_request, response) => void setTimeout(() => response.end("late"), 2000));
  app.use("/api/v1", v1);

  // Mounted at the root, as health and other plugin routers are: it adds nothing to the template.
  const plugin = express.Router();
  plugin.get("/status", (_request, response) => void response.send("up"));
  const reports = express.Router();
  reports.get("/:reportId", (_request, response) => void response.send("report"));
  reports.get("/:reportId/fail", () => {
    throw new Error("report handler failed");
  });
  plugin.use("/reports", reports);
  app.use(plugin);

  const admin = express();
  admin.use(metricsMiddleware(metrics));
  const users = express.Router();
  users.get("/:userId", (_request, response) => void response.send("user"));
  admin.use("/users", users);
  app.use("/admin", admin);

  app.get("/metrics", metrics.handler());
  app.get("/health/live", (_request, response) => void response.send("ok"));
  app.use(
    (
      _error: unknown,
      _request: unknown,
      response: { status(code: number): { send(body: string): void } },
      _next: unknown,
    ) => {
      response.status(500).send("failed");
    },
  );
  return app;
}

async function scrape(url: string, accept?: string): Promise<string> {
  const response = await fetch(`${url}/metrics`, accept ? { headers: { accept } } : {});
  expect(response.status).toBe(200);
  return response.text();
}

function requestCounts(samples: Sample[]) {
  return samples
    .filter((sample) => sample.name === "http_requests_total")
    .map(({ labels, value }) => `${labels.method} ${labels.route} ${labels.status_code} ${value}`)
    .sort();
}

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
beforeAll(() => provider.register());
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});

describe.each([
  ["Express 5", express5],
  ["Express 4", express4 as unknown as ExpressFactory],
])("metricsMiddleware on %s", (_name, express) => {
  let url = "";
  let metrics: Metrics;
  let close: () => Promise<void>;

  beforeAll(async () => {
    metrics = createMetrics();
    ({ url, close } = await listen(buildApp(express, metrics)));
  });
  afterAll(() => close());

  it("labels requests with route templates, nested mount paths included, never raw URLs", async () => {
    await fetch(`${url}/api/v1/agents/7/tasks/42`);
    await fetch(`${url}/api/v1/agents/8/tasks/43`);
    await fetch(`${url}/api/v1/agents/8/tasks`);
    await fetch(`${url}/api/v1/agents/8/tasks/43/complete`, { method: "POST" });
    await fetch(`${url}/api/v1/agents/9/tasks/44/fail`);
    await fetch(`${url}/admin/users/5`);
    await fetch(`${url}/no/such/path?secret=1`);
    await fetch(`${url}/health/live`);
    await fetch(`${url}/status`);
    await fetch(`${url}/reports/r-1`);
    await fetch(`${url}/reports/r-2/fail`);

    expect(requestCounts(parseSamples(await scrape(url)))).toEqual([
      "GET /admin/users/:userId 200 1",
      "GET /api/v1/agents/:agentId/tasks 200 1",
      "GET /api/v1/agents/:agentId/tasks/:taskId 200 2",
      "GET /api/v1/agents/:agentId/tasks/:taskId/fail 500 1",
      "GET /reports/:reportId 200 1",
      "GET /reports/:reportId/fail 500 1",
      "GET /status 200 1",
      `GET ${UNMATCHED_ROUTE} 404 1`,
      "POST /api/v1/agents/:agentId/tasks/:taskId/complete 204 1",
    ]);
  });

  it("serves a scrape that promtool check metrics accepts with no complaint", async () => {
    const result = promtoolCheckMetrics(await scrape(url));
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("carries the trace id of the request's span as an exemplar in OpenMetrics scrapes only", async () => {
    exporter.reset();
    await fetch(`${url}/api/v1/agents/1/tasks/exemplar-check`);
    const span = exporter.getFinishedSpans().find((finished) => finished.name.endsWith("/exemplar-check"));
    expect(span).toBeDefined();
    const { traceId, spanId } = span?.spanContext() ?? { traceId: "", spanId: "" };

    const openMetrics = parseSamples(await scrape(url, "application/openmetrics-text; version=1.0.0"));
    const counter = openMetrics.find(
      (sample) =>
        sample.name === "http_requests_total" && sample.labels.route === "/api/v1/agents/:agentId/tasks/:taskId",
    );
    expect(counter?.exemplar?.labels).toEqual({ trace_id: traceId, span_id: spanId });
    const bucketExemplars = openMetrics.filter(
      (sample) =>
        sample.name === "http_request_duration_seconds_bucket" && sample.exemplar?.labels.trace_id === traceId,
    );
    expect(bucketExemplars).toHaveLength(1);
    expect(await scrape(url)).not.toContain(traceId);
  });

  it("counts a request to a sub-application that also installs the middleware once", async () => {
    const before = requestCounts(parseSamples(await scrape(url))).find((line) => line.includes("/admin/users"));
    await fetch(`${url}/admin/users/6`);
    const after = requestCounts(parseSamples(await scrape(url))).find((line) => line.includes("/admin/users"));
    expect([before, after]).toEqual(["GET /admin/users/:userId 200 1", "GET /admin/users/:userId 200 2"]);
  });

  it("labels a request whose client went away with 499 and its in-progress count returns to zero", async () => {
    await new Promise<void>((resolve) => {
      const aborted = request(`${url}/api/v1/slow`);
      aborted.on("error", () => resolve());
      aborted.end();
      setTimeout(() => aborted.destroy(), 200);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const samples = parseSamples(await scrape(url));
    expect(requestCounts(samples)).toContain("GET /api/v1/slow 499 1");
    const inProgress = samples.filter((sample) => sample.name === "http_requests_in_progress");
    expect(inProgress.map((sample) => sample.value)).toEqual(["0", "0"]);
  });

  it("keeps the series count bounded under 100,000 distinct paths", async () => {
    const paths = function* () {
      for (let index = 0; index < 50_000; index++) yield `/random/${index}-${Math.random()}`;
      for (let index = 0; index < 50_000; index++) yield `/api/v1/agents/${index}/tasks/${index}?q=${index}`;
    };
    const statuses = await getAll(url, paths(), 32);
    expect(statuses.get(404)).toBe(50_000);
    expect(statuses.get(200)).toBe(50_000);

    const samples = parseSamples(await scrape(url));
    const routes = new Set(
      samples.filter((sample) => sample.name === "http_requests_total").map((s) => s.labels.route),
    );
    expect(routes.size).toBeLessThanOrEqual(11); // the app's route templates and "unmatched"
    expect(samples.length).toBeLessThan(1000);
    // About 13 s alone; several times that when CI runs every package's tests at once on two cores.
  }, 300_000);
});
