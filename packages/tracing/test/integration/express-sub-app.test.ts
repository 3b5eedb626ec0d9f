import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { trace } from "@opentelemetry/api";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { tracingMiddleware } from "../../src/express.js";
import { createTestTracing, type TestTracing } from "../../src/index.js";
import { waitFor } from "../wait-for.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(tracing: TestTracing, app: express.Express): Promise<string> {
  cleanups.push(() => tracing.shutdown());
  const server = await listen(app);
  cleanups.push(server.close);
  return server.url;
}

describe("tracingMiddleware in a sub-application and without sampling", () => {
  it("makes one span when a mounted sub-application installs the middleware too, named by the full template", async () => {
    const tracing = createTestTracing();
    const users = express.Router();
    users.get("/:id", (_request, response) => {
      response.send("user");
    });
    const admin = express();
    admin.use(tracingMiddleware(tracing));
    admin.use("/v1/users", users);
    const app = express();
    app.use(tracingMiddleware(tracing));
    app.use("/admin", admin);
    const url = await serve(tracing, app);

    for (const id of ["1", "2"]) expect((await fetch(`${url}/admin/v1/users/${id}`)).status).toBe(200);
    const spans = await waitFor(tracing.spans, (ended) => ended.length >= 2);
    expect(spans.map((span) => span.name)).toEqual(["GET /admin/v1/users/:id", "GET /admin/v1/users/:id"]);
    expect(spans.every((span) => span.parentSpanContext === undefined)).toBe(true);
  });

  it("records nothing for an unsampled request but keeps its trace context active", async () => {
    const tracing = createTestTracing({ sampler: "always_off" });
    const app = express();
    app.use(tracingMiddleware(tracing));
    app.get("/context", (_request, response) => {
      const span = trace.getActiveSpan();
      response.json({ recording: span?.isRecording(), ...span?.spanContext() });
    });
    const url = await serve(tracing, app);

    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const response = await fetch(`${url}/context`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-00` },
    });
    expect(await response.json()).toMatchObject({ recording: false, traceId, traceFlags: 0 });
    const fresh = (await (await fetch(`${url}/context`)).json()) as { traceId: string; recording: boolean };
    expect(fresh.recording).toBe(false);
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.traceId).not.toBe("0".repeat(32));
    await tracing.forceFlush();
    expect(tracing.spans()).toHaveLength(0);
  });

  it("traces a request that no Node HTTP server announced, as another framework may hand it over", async () => {
    const tracing = createTestTracing();
    cleanups.push(() => tracing.shutdown());
    const middleware = tracingMiddleware(tracing);
    const request = { method: "DELETE", url: "/by-hand?x=1", headers: { host: "example.test:8080" }, socket: {} };
    const response = Object.assign(new EventEmitter(), { statusCode: 503, writableEnded: false, headersSent: true });
    let activeInside: string | undefined;
    middleware(request as unknown as IncomingMessage, response as unknown as ServerResponse, () => {
      activeInside = trace.getActiveSpan()?.spanContext().spanId;
    });
    response.writableEnded = true;
    response.emit("close");
    const [span] = await waitFor(tracing.spans, (ended) => ended.length >= 1);
    expect(span?.spanContext().spanId).toBe(activeInside);
    expect(span?.name).toBe("DELETE");
    expect(span?.attributes).toMatchObject({
      "url.path": "/by-hand",
      "server.address": "example.test",
      "http.response.status_code": 503,
      "error.type": "503",
    });
  });
});
