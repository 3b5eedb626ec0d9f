import { createTestTracing, type TestTracing } from "@periscope/tracing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startInProcess } from "./in-process.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = createTestTracing({ serviceName: "sample-api-test" });
});
afterEach(async () => {
  await tracing.shutdown();
});

const spansNamed = (name: string) => tracing.spans().filter((span) => span.name === name);

describe("the sample API's spans", () => {
  it("carry task, agent and chain attributes through routing, chain steps, completion and cache lookups", async () => {
    const api = await startInProcess();
    const agent = (await api.request("POST", "/api/v1/agents", { name: "a", capabilities: ["*"], capacity: 2 })).body;
    const chain = (await api.request("POST", "/api/v1/chains", { steps: [{ type: "fetch" }, { type: "parse" }] })).body;
    const firstTask = chain.steps[0].task_id as string;
    await api.request("POST", `/api/v1/tasks/${firstTask}/complete`, { agent_id: agent.id });
    await api.request("POST", `/api/v1/tasks/${firstTask}/complete`, { agent_id: agent.id });

    const routed = spansNamed("task.route").find((span) => span.attributes["task.id"] === firstTask);
    expect(routed?.attributes).toMatchObject({
      "task.id": firstTask,
      "task.type": "fetch",
      "agent.id": agent.id,
      "chain.id": chain.id,
      "chain.step": 0,
      "task.routing_strategy": "least_loaded",
      "routing.outcome": "assigned",
    });
    const steps = spansNamed("chain.step").map((span) => [
      span.attributes["chain.id"],
      span.attributes["chain.step"],
      span.attributes["task.type"],
    ]);
    expect(steps).toEqual([
      [chain.id, 0, "fetch"],
      [chain.id, 1, "parse"],
    ]);
    const completed = spansNamed("task.complete");
    expect(completed[0]?.attributes).toMatchObject({
      "task.id": firstTask,
      "task.type": "fetch",
      "agent.id": agent.id,
      "chain.id": chain.id,
      "chain.step": 0,
    });
    // The second report is refused (409): its span records the error.
    expect(completed[1]?.status.code).toBe(2);

    const lookups = spansNamed("cache.lookup");
    expect(lookups.length).toBeGreaterThanOrEqual(2);
    expect(lookups.every((span) => span.attributes["agent.id"] === agent.id)).toBe(true);
    expect(lookups.map((span) => span.attributes["cache.hit"])).toContain(true);

    const created = spansNamed("task.create").find((span) => span.attributes["task.id"] === firstTask);
    const routeParent = routed?.parentSpanContext?.spanId;
    expect(routeParent).toBe(created?.spanContext().spanId);

    const insert = tracing.spans().find((span) => span.name === "INSERT tasks");
    expect(insert?.attributes).toMatchObject({
      "db.system.name": "sqlite",
      "db.collection.name": "tasks",
      "db.namespace": "sample-api.db",
    });
    expect(String(insert?.attributes["db.query.text"])).toMatch(/^INSERT INTO tasks/);
    expect(insert?.parentSpanContext?.spanId).toBe(created?.spanContext().spanId);
  });

  it("mark a failed attempt with its reason and the retry it scheduled", async () => {
    const api = await startInProcess();
    const agent = (await api.request("POST", "/api/v1/agents", { name: "a", capabilities: ["*"], capacity: 2 })).body;
    const task = (await api.request("POST", "/api/v1/tasks", { type: "convert" })).body;
    await api.request("POST", `/api/v1/tasks/${task.id}/fail`, { agent_id: agent.id, error: "nope" });
    const [failed] = spansNamed("task.fail");
    expect(failed?.attributes).toMatchObject({
      "task.id": task.id,
      "task.type": "convert",
      "agent.id": agent.id,
      "task.attempt": 1,
      "task.failure_reason": "agent_error",
      "task.status": "queued",
    });
    expect(failed?.attributes["task.retry_at"]).toEqual(expect.any(String));
  });

  it("leave idle background polls out of the trace, but trace the routing they end up doing", async () => {
    const api = await startInProcess();
    const waiting = (await api.request("POST", "/api/v1/tasks", { type: "rare" })).body;
    await api.request("POST", "/api/v1/agents", { name: "other", capabilities: ["common"], capacity: 1 });
    tracing.reset();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tracing.spans().map((span) => span.name)).toEqual([]);

    const agent = (await api.request("POST", "/api/v1/agents", { name: "rare", capabilities: ["rare"], capacity: 1 }))
      .body;
    await new Promise((resolve) => setTimeout(resolve, 150));
    const routed = spansNamed("task.route");
    expect(routed).toHaveLength(1);
    expect(routed[0]?.attributes).toMatchObject({
      "task.id": waiting.id,
      "agent.id": agent.id,
      "routing.outcome": "assigned",
    });
  });
});
