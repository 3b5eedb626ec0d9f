import * as http from "node:http";
import { trace } from "@opentelemetry/api";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { tracingMiddleware } from "../../src/express.js";
import { databaseSpan, initTracing, type TracingHandle } from "../../src/index.js";
import { type ReceivedSpan, SPAN_KIND, startOtlpReceiver } from "../otlp-receiver.js";

type Receiver = Awaited<ReturnType<typeof startOtlpReceiver>>;

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

/** Express 5 app: /api -> /v1 -> /tasks -> /:id, each a nested router, plus /metrics and /health/live. */
function createApp(tracing: TracingHandle, downstreamUrl: string) {
  const app = express();
  app.use(tracingMiddleware(tracing));
  app.get("/metrics", (_request, response) => {
    response.send("metrics");
  });
  app.get("/health/live", (_request, response) => {
    response.send("ok");
  });
  const tasks = express.Router();
  tasks.get("/:id", async (request, response) => {
    const downstreamStatus = await get(`${downstreamUrl}/downstream`);
    const row = await databaseSpan(
      {
        system: "sqlite",
        namespace: "tasks.db",
        collection: "tasks",
        query: `SELECT * FROM tasks WHERE id = ${request.params.id}`,
      },
      async () => ({ id: request.params.id }),
    );
    response.json({ ...row, downstreamStatus, traceId: trace.getActiveSpan()?.spanContext().traceId });
  });
  tasks.get("/:id/slow", async (_request, response) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (!response.destroyed) response.send("late");
  });
  tasks.get("/:id/fail", (_request, response) => {
    response.status(503).send("unavailable");
  });
  const v1 = express.Router();
  v1.use("/tasks", tasks);
  const api = express.Router();
  api.use("/v1", v1);
  app.use("/api", api);
  return app;
}

describe("tracingMiddleware on Express 5 with OTLP/HTTP JSON export", () => {
  let receiver: Receiver;
  let tracing: TracingHandle;
  let app: { url: string; close: () => Promise<void> };
  let downstream: { url: string; close: () => Promise<void> };
  const downstreamTraceparents: (string | undefined)[] = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    downstream = await listen((request, response) => {
      downstreamTraceparents.push(request.headers.traceparent as string | undefined);
      response.end("downstream");
    });
    tracing = initTracing({
      serviceName: "express-test",
      endpoint: `${receiver.url}/v1/traces`,
      protocol: "http/json",
      batch: { scheduledDelayMillis: 20 },
      env: {},
    });
    app = await listen(createApp(tracing, downstream.url));
  });

  afterAll(async () => {
    await app?.close();
    await tracing?.shutdown();
    await downstream?.close();
    await receiver?.close();
  });

  async function spansOfPath(path: string): Promise<ReceivedSpan[]> {
    const spans = await receiver.waitForSpans((all) => all.some((span) => span.attributes["url.path"] === path));
    const server = spans.find((span) => span.attributes["url.path"] === path) as ReceivedSpan;
    return [server, ...spans.filter((span) => span.traceId === server.traceId && span !== server)];
  }

  it("makes one SERVER span named by the full route template, with the stable HTTP attributes, under the incoming traceparent", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const parentId = "00f067aa0ba902b7";
    const response = await fetch(`${app.url}/api/v1/tasks/42?verbose=1`, {
      headers: { traceparent: `00-${traceId}-${parentId}-01`, "user-agent": "periscope-test/1.0" },
    });
    const body = (await response.json()) as { traceId: string; downstreamStatus: number };
    expect(response.status).toBe(200);
    expect(body.traceId).toBe(traceId);
    expect(body.downstreamStatus).toBe(200);

    const [server] = await spansOfPath("/api/v1/tasks/42");
    const port = Number(new URL(app.url).port);
    expect(server).toMatchObject({
      name: "GET /api/v1/tasks/:id",
      kind: SPAN_KIND.server,
      traceId,
      parentSpanId: parentId,
      scope: "@periscope/tracing",
      resource: expect.objectContaining({ "service.name": "express-test" }),
    });
    expect(server?.attributes).toMatchObject({
      "http.request.method": "GET",
      "url.path": "/api/v1/tasks/42",
      "url.scheme": "http",
      "http.route": "/api/v1/tasks/:id",
      "http.response.status_code": 200,
      "server.address": "127.0.0.1",
      "server.port": port,
      "user_agent.original": "periscope-test/1.0",
      "client.address": "127.0.0.1",
    });
    expect(server?.attributes).not.toHaveProperty("error.type");
    expect(server?.status.code ?? 0).toBe(0);
  });

  it("takes client.address from X-Forwarded-For only when Express's trust proxy setting allows it", async () => {
    const forwarded = { "x-forwarded-for": "203.0.113.7" };
    await fetch(`${app.url}/api/v1/tasks/8/fail`, { headers: forwarded });
    const proxied = express();
    proxied.set("trust proxy", "loopback");
    proxied.use(tracingMiddleware(tracing));
    proxied.get("/behind-proxy", (_request, response) => void response.send("ok"));
    const behindProxy = await listen(proxied);
    try {
      await fetch(`${behindProxy.url}/behind-proxy`, { headers: forwarded });
      await fetch(`${behindProxy.url}/behind-proxy?direct=1`);
    } finally {
      await behindProxy.close();
    }

    const [untrusted] = await spansOfPath("/api/v1/tasks/8/fail");
    expect(untrusted?.attributes["client.address"]).toBe("127.0.0.1");
    const spans = await receiver.waitForSpans(
      (all) => all.filter((span) => span.attributes["url.path"] === "/behind-proxy").length === 2,
    );
    const addresses = spans
      .filter((span) => span.attributes["url.path"] === "/behind-proxy")
      .map((span) => span.attributes["client.address"]);
    expect(addresses.sort()).toEqual(["127.0.0.1", "203.0.113.7"]);
  });

  it("parents the outgoing HTTP CLIENT span and the database span under the server span", async () => {
    await fetch(`${app.url}/api/v1/tasks/7`);
    const server = (await spansOfPath("/api/v1/tasks/7"))[0] as ReceivedSpan;
    const children = await receiver.waitForSpans(
      (all) => all.filter((span) => span.parentSpanId === server.spanId).length >= 2,
    );
    const client = children.find(
      (span) => span.parentSpanId === server.spanId && span.kind === SPAN_KIND.client && span.name === "GET",
    );
    expect(client, JSON.stringify(children.map((span) => span.name))).toBeDefined();
    expect(client?.traceId).toBe(server.traceId);
    expect(client?.attributes["http.response.status_code"]).toBe(200);
    expect(String(client?.attributes["url.full"])).toContain("/downstream");
    // The downstream server saw the client span as its parent.
    expect(downstreamTraceparents).toContain(`00-${server.traceId}-${client?.spanId}-01`);

    const database = children.find((span) => span.parentSpanId === server.spanId && span.name === "SELECT tasks");
    expect(database).toMatchObject({ kind: SPAN_KIND.client, traceId: server.traceId });
    expect(database?.attributes).toMatchObject({
      "db.system.name": "sqlite",
      "db.namespace": "tasks.db",
      "db.collection.name": "tasks",
      "db.operation.name": "SELECT",
      "db.query.text": "SELECT * FROM tasks WHERE id = ?",
    });
  });

  it("starts a new trace when the traceparent is malformed", async () => {
    const response = await fetch(`${app.url}/api/v1/tasks/43`, {
      headers: { traceparent: "00-not-a-trace-id-01" },
    });
    const body = (await response.json()) as { traceId: string };
    expect(response.status).toBe(200);
    const server = (await spansOfPath("/api/v1/tasks/43"))[0] as ReceivedSpan;
    expect(server.parentSpanId).toBe("");
    expect(server.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(server.traceId).toBe(body.traceId);
  });

  it("marks 5xx responses as errors with error.type", async () => {
    expect((await fetch(`${app.url}/api/v1/tasks/9/fail`)).status).toBe(503);
    const server = (await spansOfPath("/api/v1/tasks/9/fail"))[0] as ReceivedSpan;
    expect(server.name).toBe("GET /api/v1/tasks/:id/fail");
    expect(server.attributes["error.type"]).toBe("503");
    expect(server.attributes["http.response.status_code"]).toBe(503);
    expect(server.status.code).toBe(2);
  });

  it("makes no span at all for /metrics and /health/live", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    await fetch(`${app.url}/api/v1/tasks/after-excluded`);
    await spansOfPath("/api/v1/tasks/after-excluded");
    await tracing.forceFlush();
    const paths = receiver.spans().map((span) => span.attributes["url.path"]);
    expect(paths).not.toContain("/metrics");
    expect(paths).not.toContain("/health/live");
    expect(receiver.requests.every((request) => request.path === "/v1/traces")).toBe(true);
  });

  it("names an unmatched request by its method only, without http.route", async () => {
    expect((await fetch(`${app.url}/nowhere/at/all`)).status).toBe(404);
    const server = (await spansOfPath("/nowhere/at/all"))[0] as ReceivedSpan;
    expect(server.name).toBe("GET");
    expect(server.attributes).not.toHaveProperty("http.route");
    expect(server.attributes["http.response.status_code"]).toBe(404);
    expect(server.status.code ?? 0).toBe(0);
  });

  it("ends the span of an aborted request with error.type", async () => {
    const controller = new AbortController();
    const aborted = fetch(`${app.url}/api/v1/tasks/5/slow`, { signal: controller.signal }).catch(
      (error: Error) => error,
    );
    setTimeout(() => controller.abort(), 50);
    expect(await aborted).toBeInstanceOf(Error);
    const server = (await spansOfPath("/api/v1/tasks/5/slow"))[0] as ReceivedSpan;
    expect(server.name).toBe("GET /api/v1/tasks/:id/slow");
    expect(server.attributes["error.type"]).toBe("aborted");
    expect(server.attributes).not.toHaveProperty("http.response.status_code");
    expect(server.status.code).toBe(2);
  });
});
