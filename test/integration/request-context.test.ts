import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { trace } from "@opentelemetry/api";
import { createLogger, type Logger } from "@periscope/logging";
import { requestContextMiddleware, requestLogMiddleware } from "@periscope/logging/express";
import { secretsCorpus } from "@periscope/redact/testing";
import { databaseSpan, initTracing, type TracingHandle } from "@periscope/tracing";
import { tracingMiddleware } from "@periscope/tracing/express";
import Database from "better-sqlite3";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReceivedSpan, SPAN_KIND, startOtlpReceiver } from "../../packages/tracing/test/otlp-receiver.js";

// One request through an Express app wired with @periscope/tracing and @periscope/logging, a SQLite query
// and an outgoing HTTP call: its spans reach a real OTLP/HTTP listener, its log lines carry the same ids.

type Receiver = Awaited<ReturnType<typeof startOtlpReceiver>>;

let receiver: Receiver;
let downstream: Server;
let app: Server;
let appUrl: string;
let tracing: TracingHandle;
let logger: Logger;
const logLines: string[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

function buildApp(downstreamUrl: string): express.Express {
  const database = new Database(":memory:");
  database.exec("CREATE TABLE tasks (id TEXT PRIMARY KEY, type TEXT NOT NULL)");
  database.prepare("INSERT INTO tasks (id, type) VALUES (?, ?)").run("t-1", "summarize");
  const selectTask = database.prepare("SELECT id, type FROM tasks WHERE id = ?");

  const tasks = express.Router();
  tasks.get("/:taskId", async (request, response) => {
    const task = databaseSpan(
      { system: "sqlite", query: "SELECT id, type FROM tasks WHERE id = ?", collection: "tasks", namespace: "main" },
      () => selectTask.get(request.params.taskId),
    );
    const quota = await getText(`${downstreamUrl}/quota`);
    logger.info("task loaded", { task_id: request.params.taskId, quota });
    response.json({ task, quota });
  });
  // Echoes what a careless handler would record: every header, the query and the body, in logs and on the span.
  tasks.post("/:taskId/notes", (request, response) => {
    const span = trace.getActiveSpan();
    for (const [key, value] of Object.entries(request.query)) span?.setAttribute(`note.query.${key}`, String(value));
    span?.setAttribute("note.body", JSON.stringify(request.body));
    logger.info("note received", { headers: request.headers, query: request.query, body: request.body });
    response.status(201).json({ ok: true });
  });
  const v1 = express.Router();
  v1.use("/tasks", tasks);

  const application = express();
  application.use(requestContextMiddleware());
  application.use(tracingMiddleware(tracing));
  application.use(requestLogMiddleware(logger));
  application.use(express.json());
  application.use("/api/v1", v1);
  return application;
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = initTracing({
    serviceName: "context-test",
    exporter: "otlp",
    protocol: "http/json",
    endpoint: `${receiver.url}/v1/traces`,
    sampler: "always_on",
    batch: { scheduledDelayMillis: 50 },
    env: {},
  });
  logger = createLogger({
    service: "context-test",
    format: "json",
    destination: new Writable({
      write(chunk, _encoding, callback) {
        logLines.push(...String(chunk).split("\n").filter(Boolean));
        callback();
      },
    }),
  });
  downstream = createServer((_request, response) => response.end("42"));
  const downstreamUrl = await listen(downstream);
  app = createServer(buildApp(downstreamUrl));
  appUrl = await listen(app);
});

afterAll(async () => {
  app.close();
  downstream.close();
  await tracing?.shutdown();
  await logger?.shutdown();
  await receiver?.close();
});

const records = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("one request, followed from its log lines to its trace", () => {
  it("yields a server span with a database and a client span under it, and log lines with the same ids", async () => {
    const response = await fetch(`${appUrl}/api/v1/tasks/t-1`, { headers: { "x-request-id": "req-context-1" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ task: { id: "t-1", type: "summarize" }, quota: "42" });
    expect(response.headers.get("x-request-id")).toBe("req-context-1");

    const spans = await receiver.waitForSpans((received) =>
      received.some((span) => span.name === "GET /api/v1/tasks/:taskId"),
    );
    const server = spans.find((span) => span.name === "GET /api/v1/tasks/:taskId") as ReceivedSpan;
    expect(server.kind).toBe(SPAN_KIND.server);
    expect(server.attributes["http.route"]).toBe("/api/v1/tasks/:taskId");
    const children = spans.filter((span) => span.parentSpanId === server.spanId);
    const database = children.find((span) => span.name === "SELECT tasks");
    expect(database, JSON.stringify(children)).toBeDefined();
    expect(database?.kind).toBe(SPAN_KIND.client);
    expect(database?.traceId).toBe(server.traceId);
    expect(database?.attributes).toMatchObject({
      "db.system.name": "sqlite",
      "db.collection.name": "tasks",
      "db.operation.name": "SELECT",
      "db.query.text": "SELECT id, type FROM tasks WHERE id = ?",
    });
    const client = children.find((span) => span.kind === SPAN_KIND.client && span.attributes["http.request.method"]);
    expect(client, JSON.stringify(children)).toBeDefined();
    expect(client?.attributes["server.address"]).toBe("127.0.0.1");
    expect(client?.attributes["http.response.status_code"]).toBe(200);

    await waitFor(() => records().some((record) => record.request_id === "req-context-1" && record.route));
    const ofRequest = records().filter((record) => record.request_id === "req-context-1");
    expect(ofRequest.map((record) => record.message)).toEqual(["task loaded", "request completed"]);
    for (const record of ofRequest) {
      expect(record.trace_id).toBe(server.traceId);
      expect(record.span_id).toBe(server.spanId);
    }
    expect(ofRequest[1]).toMatchObject({ route: "/api/v1/tasks/:taskId", status: 200, method: "GET" });
  });

  it("lets no secret of the corpus through headers, query, body, log fields or span attributes", async () => {
    const before = receiver.requests.length;
    const headerSafe = secretsCorpus.filter((sample) => /^[\t\x20-\x7e]*$/.test(sample.text));
    expect(headerSafe.length).toBeGreaterThan(5);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-request-id": "req-secrets-1",
      authorization: `Bearer ${secretsCorpus[0]?.secret}`,
      cookie: `session=${secretsCorpus[1]?.secret}`,
      "user-agent": headerSafe[0]?.text ?? "",
    };
    headerSafe.forEach((sample, index) => {
      headers[`x-sample-${index}`] = sample.text;
    });
    const query = new URLSearchParams(
      secretsCorpus.map((sample, index): [string, string] => [`q${index}`, sample.text]),
    );
    query.append("token", secretsCorpus[2]?.secret ?? "");
    const body = {
      notes: secretsCorpus.map((sample) => sample.text),
      nested: { credentials: { password: secretsCorpus[3]?.secret, api_key: secretsCorpus[4]?.secret } },
    };
    const response = await fetch(`${appUrl}/api/v1/tasks/t-1/notes?${query}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);

    await receiver.waitForSpans((spans) => spans.some((span) => span.name === "POST /api/v1/tasks/:taskId/notes"));
    await waitFor(() => records().some((record) => record.request_id === "req-secrets-1" && record.route));
    const exported = receiver.requests
      .slice(before)
      .map((request) => request.body.toString("utf8"))
      .join("\n");
    const logged = logLines.join("\n");
    expect(logged).toContain("note received");
    expect(exported).toContain("note.body");
    for (const sample of secretsCorpus) {
      expect(logged.includes(sample.secret), `${sample.name} leaked into the logs`).toBe(false);
      expect(exported.includes(sample.secret), `${sample.name} leaked into the exported spans`).toBe(false);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMillis = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
