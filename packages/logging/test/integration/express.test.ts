import { EventEmitter } from "node:events";
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createRedactionPolicy } from "@periscope/redact";
import express5 from "express";
import express4 from "express4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { requestContextMiddleware, requestLogMiddleware } from "../../src/express.js";
import { createLogger, getRequestId, type Logger } from "../../src/index.js";
import { Capture } from "../capture.js";
import { rawRequest } from "../raw-request.js";
import { waitFor } from "../wait-for.js";

type ExpressFactory = typeof express5;
type Json = Record<string, unknown>;

/** A service as people build them: routers nested with parameters in mount paths, a JSON body parser, an error handler. */
function buildApp(express: ExpressFactory, logger: Logger) {
  const app = express();
  app.use(requestContextMiddleware());
  app.use(requestLogMiddleware(logger));
  app.use(express.json());

  const tasks = express.Router({ mergeParams: true });
  tasks.get("/:taskId", (request, response) => {
    logger.info("task read", { task_id: request.params.taskId });
    response.json({ id: request.params.taskId });
  });
  const agents = express.Router();
  agents.use("/:agentId/tasks", tasks);
  const v1 = express.Router();
  v1.use("/agents", agents);
  v1.get("/later", async (request, response) => {
    const seen: (string | undefined)[] = [getRequestId()];
    await sleep(Number(request.query.delay ?? 0));
    seen.push(getRequestId());
    await new Promise((resolve) => setTimeout(resolve, Number(request.query.delay ?? 0) / 2));
    logger.info("later", { step: "after awaits" });
    seen.push(getRequestId());
    response.json(seen);
  });
  v1.post("/echo", (request, response) => {
    logger.info("echo received", { body: request.body, query: request.query, headers: request.headers });
    response.status(201).json({ ok: true });
  });
  v1.get("/fail", () => {
    throw new Error("handler failed");
  });
  v1.get("/slow", (_request, response) => void setTimeout(() => response.end("late"), 1000));
  app.use("/api/v1", v1);

  const admin = express();
  admin.use(requestLogMiddleware(logger));
  admin.get("/users/:userId", (request, response) => void response.json({ id: request.params.userId }));
  app.use("/admin", admin);

  app.get("/metrics", (_request, response) => void response.send("# metrics"));
  app.get("/health/live", (_request, response) => void response.send("ok"));
  app.use(
    (
      error: Error,
      _request: unknown,
      response: { status(code: number): { send(body: string): void } },
      _next: unknown,
    ) => {
      logger.error("request failed", error);
      response.status(500).send("failed");
    },
  );
  return app;
}

describe.each([
  ["Express 5", express5],
  ["Express 4", express4 as unknown as ExpressFactory],
])("%s", (_name, express) => {
  const out = new Capture();
  const logger = createLogger({ destination: out, service: "api", format: "json" });
  let server: Awaited<ReturnType<typeof listen>>;
  const url = () => server.url;

  beforeAll(async () => {
    server = await listen(buildApp(express, logger));
  });
  afterAll(async () => {
    await server.close();
    await logger.shutdown();
  });

  const requestLogOf = (requestId: string) =>
    waitFor(() => out.records().find((record) => record.request_id === requestId && record.route !== undefined));

  it("logs one record per request with the route template, status, duration_ms and bytes", async () => {
    const response = await fetch(`${url()}/api/v1/agents/a-7/tasks/t-42?verbose=1`);
    const body = await response.text();
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id") ?? "";
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const record = await requestLogOf(requestId);
    expect(record).toMatchObject({
      level: "info",
      message: "request completed",
      service: "api",
      request_id: requestId,
      method: "GET",
      route: "/api/v1/agents/:agentId/tasks/:taskId",
      path: "/api/v1/agents/a-7/tasks/t-42",
      status: 200,
      bytes: Buffer.byteLength(body),
    });
    expect(record.duration_ms).toBeTypeOf("number");
    expect(record.duration_ms as number).toBeGreaterThanOrEqual(0);
    const handlerRecord = out
      .records()
      .find((entry) => entry.message === "task read" && entry.request_id === requestId);
    expect(handlerRecord).toMatchObject({ task_id: "t-42" });
    expect(out.records().filter((entry) => entry.request_id === requestId)).toHaveLength(2);
  });

  it("logs a request to a sub-application that also installs the request log once, with the full template", async () => {
    const response = await fetch(`${url()}/admin/users/6`);
    const requestId = response.headers.get("x-request-id") ?? "";
    expect(await requestLogOf(requestId)).toMatchObject({ route: "/admin/users/:userId", status: 200 });
    await sleep(50);
    expect(out.records().filter((entry) => entry.request_id === requestId)).toHaveLength(1);
  });

  it("keeps a well-formed incoming x-request-id and echoes it", async () => {
    const response = await fetch(`${url()}/api/v1/agents/a/tasks/b`, {
      headers: { "x-request-id": "edge-1234.abc_Z" },
    });
    expect(response.headers.get("x-request-id")).toBe("edge-1234.abc_Z");
    await requestLogOf("edge-1234.abc_Z");
  });

  it("replaces malformed x-request-id values: too long, spaces, CRLF, unicode, empty, repeated", async () => {
    const cases = [
      [`x-request-id: ${"a".repeat(129)}`],
      ["x-request-id: has space"],
      ["x-request-id: a\r\n injected: yes"],
      ["x-request-id: naïve-🙂"],
      ["x-request-id: "],
      ["x-request-id: first", "x-request-id: second"],
    ];
    let replaced = 0;
    for (const headerLines of cases) {
      const headers = await rawRequest(url(), "/api/v1/agents/a/tasks/b", headerLines);
      expect(headers).not.toHaveProperty("injected");
      // Node's HTTP parser refuses some of these outright (400) before any middleware runs.
      if (headers[":status"] === "400") continue;
      expect(headers[":status"], headerLines.join(" | ")).toBe("200");
      const id = headers["x-request-id"] ?? "";
      expect(id, headerLines.join(" | ")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      replaced++;
    }
    expect(replaced).toBeGreaterThanOrEqual(5);
  });

  it("keeps each of many interleaved requests in its own context across awaits and timers", async () => {
    const ids = Array.from({ length: 20 }, (_, index) => `concurrent-${index}`);
    const responses = await Promise.all(
      ids.map(async (id, index) => {
        const response = await fetch(`${url()}/api/v1/later?delay=${(index * 7) % 30}`, {
          headers: { "x-request-id": id },
        });
        return (await response.json()) as string[];
      }),
    );
    responses.forEach((seen, index) => {
      expect(seen).toEqual([ids[index], ids[index], ids[index]]);
    });
    for (const id of ids) {
      await requestLogOf(id);
      const records = out.records().filter((record) => record.request_id === id);
      expect(records.map((record) => record.message).sort()).toEqual(["later", "request completed"]);
    }
  });

  it("logs at warn for 4xx and error for 5xx, with the error's fields", async () => {
    const missing = await fetch(`${url()}/nowhere/at/all`);
    const failed = await fetch(`${url()}/api/v1/fail`);
    expect([missing.status, failed.status]).toEqual([404, 500]);
    const missingRecord = await requestLogOf(missing.headers.get("x-request-id") ?? "");
    expect(missingRecord).toMatchObject({ level: "warn", status: 404, route: "unmatched", path: "/nowhere/at/all" });
    const failedId = failed.headers.get("x-request-id") ?? "";
    expect(await requestLogOf(failedId)).toMatchObject({ level: "error", status: 500, route: "/api/v1/fail" });
    const errorRecord = out
      .records()
      .find((record) => record.message === "request failed" && record.request_id === failedId);
    expect(errorRecord?.error).toMatchObject({ type: "Error", message: "handler failed" });
  });

  it("follows the logger's level: at warn, successes go unlogged and failures still are, until it is lowered", async () => {
    logger.level = "warn";
    try {
      const quiet = await fetch(`${url()}/api/v1/agents/a/tasks/t`, { headers: { "x-request-id": "at-warn-ok" } });
      const missing = await fetch(`${url()}/nowhere`, { headers: { "x-request-id": "at-warn-404" } });
      expect([quiet.status, missing.status]).toEqual([200, 404]);
      expect(await requestLogOf("at-warn-404")).toMatchObject({ level: "warn", status: 404 });
      expect(out.records().filter((record) => record.request_id === "at-warn-ok")).toEqual([]);
    } finally {
      logger.level = "info";
    }
    await fetch(`${url()}/api/v1/agents/a/tasks/t`, { headers: { "x-request-id": "at-info-ok" } });
    expect(await requestLogOf("at-info-ok")).toMatchObject({ level: "info", status: 200 });
  });

  it("skips health and metrics endpoints", async () => {
    const health = await fetch(`${url()}/health/live`);
    const metrics = await fetch(`${url()}/metrics`);
    const healthId = health.headers.get("x-request-id");
    const metricsId = metrics.headers.get("x-request-id");
    await fetch(`${url()}/api/v1/agents/a/tasks/after-probes`, { headers: { "x-request-id": "after-probes" } });
    await requestLogOf("after-probes");
    expect(out.records().filter((record) => record.request_id === healthId || record.request_id === metricsId)).toEqual(
      [],
    );
  });

  it("logs a request the client abandoned as aborted, status 499, at warn", async () => {
    await new Promise<void>((resolve) => {
      const request = httpRequest(`${url()}/api/v1/slow`, { headers: { "x-request-id": "gave-up" } });
      request.on("error", () => resolve());
      request.end();
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 100);
    });
    const record = await requestLogOf("gave-up");
    expect(record).toMatchObject({
      level: "warn",
      message: "request aborted",
      status: 499,
      aborted: true,
      route: "/api/v1/slow",
    });
    expect(record).not.toHaveProperty("bytes");
  });

  it("carries request_id into handlers after the JSON body parser", async () => {
    const response = await fetch(`${url()}/api/v1/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "with-body" },
      body: JSON.stringify({ hello: "world" }),
    });
    expect(response.status).toBe(201);
    await requestLogOf("with-body");
    const record = out.records().find((entry) => entry.message === "echo received");
    expect(record).toMatchObject({ request_id: "with-body", body: { hello: "world" } });
    for (const line of out.lines()) expect(() => JSON.parse(line) as Json).not.toThrow();
  });
});

describe("request log under a policy that calls one of its own fields sensitive", () => {
  it("masks that field like any other", async () => {
    const out = new Capture();
    const logger = createLogger({
      destination: out,
      service: "api",
      format: "json",
      redaction: createRedactionPolicy({ additionalSensitiveKeys: ["route"] }),
    });
    const app = express5();
    app.use(requestContextMiddleware());
    app.use(requestLogMiddleware(logger));
    app.get("/orders/:id", (_request, response) => void response.send("ok"));
    const server = await listen(app);
    try {
      await fetch(`${server.url}/orders/7?token=abc123`, { headers: { "x-request-id": "masked-route" } });
      const record = await waitFor(() => out.records().find((entry) => entry.request_id === "masked-route"));
      expect(record).toMatchObject({ route: "[REDACTED]", path: "/orders/7", method: "GET", status: 200 });
    } finally {
      await server.close();
      await logger.shutdown();
    }
  });
});

describe("requests that no Node HTTP server announced", () => {
  it("get their request id and are logged when their response closes, as another framework may hand them over", async () => {
    const out = new Capture();
    const logger = createLogger({ destination: out, service: "api", format: "json" });
    const withContext = requestContextMiddleware();
    const requestLog = requestLogMiddleware(logger);
    const request = { method: "PUT", url: "/by-hand?token=abc", headers: { "x-request-id": "by-hand-1" } };
    const echoed: [string, unknown][] = [];
    const response = Object.assign(new EventEmitter(), {
      statusCode: 404,
      writableEnded: false,
      getHeader: (name: string) => (name === "content-length" ? "9" : undefined),
      setHeader: (name: string, value: unknown) => void echoed.push([name, value]),
    });
    const req = request as unknown as IncomingMessage;
    const res = response as unknown as ServerResponse;
    let idInside: string | undefined;
    withContext(req, res, () =>
      requestLog(req, res, () => {
        idInside = getRequestId();
      }),
    );
    response.writableEnded = true;
    response.emit("close");
    expect(idInside).toBe("by-hand-1");
    expect(echoed).toEqual([["x-request-id", "by-hand-1"]]);
    const record = await waitFor(() => out.records().find((entry) => entry.message === "request completed"));
    expect(record).toMatchObject({
      level: "warn",
      request_id: "by-hand-1",
      method: "PUT",
      route: "unmatched",
      path: "/by-hand",
      status: 404,
      bytes: 9,
    });
    await logger.shutdown();
  });
});
