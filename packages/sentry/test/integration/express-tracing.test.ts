import { requestContextMiddleware } from "@periscope/logging/express";
import { secretsCorpus } from "@periscope/redact/testing";
import { initTracing } from "@periscope/tracing";
import { tracingMiddleware } from "@periscope/tracing/express";
import * as Sentry from "@sentry/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPAN_KIND, startOtlpReceiver } from "../../../tracing/test/otlp-receiver.js";
import { sentryErrorHandler } from "../../src/express.js";
import { initSentry } from "../../src/index.js";
import { listen } from "../http.js";
import { startSentryReceiver } from "../sentry-receiver.js";

let receiver: Awaited<ReturnType<typeof startSentryReceiver>>;
let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
let tracing: ReturnType<typeof initTracing>;
let sentry: ReturnType<typeof initSentry>;
let server: Awaited<ReturnType<typeof listen>>;
const outgoingHeaders: Record<string, unknown>[] = [];

beforeAll(async () => {
  receiver = await startSentryReceiver();
  otlp = await startOtlpReceiver();
  tracing = initTracing({
    serviceName: "sentry-it",
    exporter: "otlp",
    protocol: "http/json",
    endpoint: `${otlp.url}/v1/traces`,
    env: {},
  });
  sentry = initSentry({ dsn: receiver.dsn, env: {}, environment: "test", captureProcessErrors: false });

  const app = express();
  app.use(requestContextMiddleware());
  app.use(tracingMiddleware(tracing));
  app.use(express.json());
  const api = express.Router();
  api.post("/tasks/:id/run", (request: Request) => {
    throw new TypeError(`could not run task ${request.params.id}: ${request.body?.note ?? "no note"}`);
  });
  api.get("/tasks/:id", async (request: Request) => {
    // An outgoing call inside the traced request: Sentry must add no headers of its own.
    await fetch(`${server.url}/echo-headers`);
    throw new RangeError(`task ${request.params.id} is corrupt`);
  });
  api.post("/tasks", (_request: Request, _response: Response, next: NextFunction) => {
    next(Object.assign(new Error("title is required"), { status: 400 }));
  });
  app.use("/api/v1", api);
  app.get("/echo-headers", (request, response) => {
    outgoingHeaders.push(request.headers);
    response.json({});
  });
  app.use((_request: Request, response: Response) => {
    response.status(404).json({ error: "not found" });
  });
  app.use(sentryErrorHandler(sentry));
  app.use((error: { status?: number }, _request: Request, response: Response, _next: NextFunction) => {
    response.status(error.status ?? 500).json({ error: "failed" });
  });
  server = await listen(app);
});

afterAll(async () => {
  await server?.close();
  await sentry?.shutdown();
  await tracing?.shutdown();
  await receiver?.close();
  await otlp?.close();
});

describe("Express 5 + @periscope/tracing + @periscope/logging", () => {
  it("sends one event per 5xx with fingerprint, route, request id and the server span's trace id", async () => {
    const first = await fetch(`${server.url}/api/v1/tasks/42/run`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-first" },
      body: JSON.stringify({ note: "plain" }),
    });
    expect(first.status).toBe(500);
    const second = await fetch(`${server.url}/api/v1/tasks/7`, { headers: { "x-request-id": "req-second" } });
    expect(second.status).toBe(500);

    const invalid = await fetch(`${server.url}/api/v1/tasks`, { method: "POST" });
    expect(invalid.status).toBe(400);
    const missing = await fetch(`${server.url}/nowhere`);
    expect(missing.status).toBe(404);

    await Sentry.flush(5_000);
    const events = await receiver.waitForEvents(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.events()).toHaveLength(2);

    const byId = new Map(events.map((event) => [event.tags?.request_id, event]));
    const run = byId.get("req-first");
    const get = byId.get("req-second");
    expect(run?.fingerprint).toEqual(["TypeError", "POST /api/v1/tasks/:id/run"]);
    expect(run?.tags).toMatchObject({ route: "/api/v1/tasks/:id/run", method: "POST", request_id: "req-first" });
    expect(run?.transaction).toBe("POST /api/v1/tasks/:id/run");
    expect(get?.fingerprint).toEqual(["RangeError", "GET /api/v1/tasks/:id"]);
    expect(get?.tags).toMatchObject({ route: "/api/v1/tasks/:id", method: "GET" });
    expect(run?.level).toBe("error");
    expect(run?.request).toMatchObject({ method: "POST" });

    await tracing.forceFlush();
    const spans = await otlp.waitForSpans((all) => all.filter((s) => s.kind === SPAN_KIND.server).length >= 2);
    for (const [event, name] of [
      [run, "POST /api/v1/tasks/:id/run"],
      [get, "GET /api/v1/tasks/:id"],
    ] as const) {
      const traceId = event?.contexts?.trace?.trace_id;
      const span = spans.find((s) => s.kind === SPAN_KIND.server && s.traceId === traceId);
      expect(span?.name, `server span of ${name}`).toBe(name);
      expect(event?.contexts?.trace?.span_id).toBe(span?.spanId);
    }
    // One provider: the outgoing call carries W3C traceparent from @periscope/tracing, nothing from Sentry.
    expect(outgoingHeaders).toHaveLength(1);
    expect(outgoingHeaders[0]).not.toHaveProperty("sentry-trace");
    expect(String(outgoingHeaders[0]?.baggage ?? "")).not.toContain("sentry-");
  });

  it("leaks none of the secrets corpus sent in headers, query, body and error message", async () => {
    const before = receiver.events().length;
    const usable = (text: string) => /^[\t\x20-\x7e]*$/.test(text);
    for (const [index, sample] of secretsCorpus.entries()) {
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-request-id": `secret-${index}`,
      };
      if (sample.carrier === "header" && sample.value) Object.assign(headers, sample.value);
      else if (sample.headerSafe && usable(sample.text)) headers["x-debug-note"] = sample.text;
      const query = sample.urlSafe ? `?note=${encodeURIComponent(sample.text)}` : "";
      const response = await fetch(`${server.url}/api/v1/tasks/${index}/run${query}`, {
        method: "POST",
        headers,
        body: JSON.stringify({ note: sample.text, ...(sample.value ?? {}) }),
      });
      expect(response.status, sample.name).toBe(500);
    }
    await Sentry.flush(5_000);
    await receiver.waitForEvents(before + secretsCorpus.length);
    expect(receiver.events()).toHaveLength(before + secretsCorpus.length);

    const raw = Buffer.concat(receiver.envelopes.map((envelope) => envelope.raw)).toString("utf8");
    const leaked = secretsCorpus
      .filter((sample) => raw.includes(sample.secret) || raw.includes(JSON.stringify(sample.secret).slice(1, -1)))
      .map((sample) => sample.name);
    expect(leaked).toEqual([]);
    // The events did carry the request: scrubbing masked values, it did not drop the request.
    const last = receiver.events().at(-1);
    expect(last?.request).toHaveProperty("headers");
    expect(sentry.stats().sent).toBeGreaterThanOrEqual(secretsCorpus.length);
  });
});
