import express from "express4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { tracingMiddleware } from "../../src/express.js";
import { createTestTracing, type TestTracing } from "../../src/index.js";
import { waitFor } from "../wait-for.js";

describe("tracingMiddleware on Express 4", () => {
  let tracing: TestTracing;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    tracing = createTestTracing();
    const app = express();
    app.use(tracingMiddleware(tracing));
    const tasks = express.Router();
    tasks.get("/:id", (_request, response) => {
      response.send("task");
    });
    const agents = express.Router({ mergeParams: true });
    agents.use("/:agentId/tasks", tasks);
    app.use("/api/v1/agents", agents);
    app.get("/health/ready", (_request, response) => {
      response.send("ok");
    });
    server = await listen(app);
  });

  afterAll(async () => {
    await server?.close();
    await tracing?.shutdown();
  });

  it("names the span with the nested mount paths, parameters included", async () => {
    expect((await fetch(`${server.url}/api/v1/agents/a1/tasks/t9`)).status).toBe(200);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    const spans = await waitFor(tracing.spans, (ended) => ended.length >= 1);
    expect(spans.map((span) => span.name)).toEqual(["GET /api/v1/agents/:agentId/tasks/:id"]);
    expect(spans[0]?.attributes["http.route"]).toBe("/api/v1/agents/:agentId/tasks/:id");
    expect(spans[0]?.attributes["url.path"]).toBe("/api/v1/agents/a1/tasks/t9");
  });
});
