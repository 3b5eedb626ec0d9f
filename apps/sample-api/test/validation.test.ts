import { describe, expect, it } from "vitest";
import { startInProcess } from "./in-process.js";

const agent = { name: "worker-1", capabilities: ["summarize"], capacity: 2 };

describe("resource validation", () => {
  it.each([
    ["/api/v1/agents", { ...agent, capacity: 0 }, "capacity"],
    ["/api/v1/agents", { ...agent, capabilities: [] }, "capabilities"],
    ["/api/v1/agents", { ...agent, capabilities: ["Not A Type"] }, "capabilities.0"],
    ["/api/v1/agents", { capabilities: ["x"], capacity: 1 }, "name"],
    ["/api/v1/agents", { ...agent, trust_score: 1.5 }, "trust_score"],
    ["/api/v1/agents", { ...agent, admin: true }, "admin"],
    ["/api/v1/tasks", { type: "Bad Type!" }, "type"],
    ["/api/v1/tasks", { type: "summarize", priority: "urgent" }, "priority"],
    ["/api/v1/tasks", { type: "summarize", payload: "text" }, "payload"],
    ["/api/v1/tasks", { type: "summarize", max_attempts: 0 }, "max_attempts"],
    ["/api/v1/tasks", { type: "summarize", routing_strategy: "random" }, "routing_strategy"],
    ["/api/v1/chains", { steps: [] }, "steps"],
    ["/api/v1/chains", { steps: [{ type: "a" }, { type: "B!" }] }, "steps.1.type"],
    ["/api/v1/schedules", { name: "s", task_type: "a" }, "interval_seconds"],
    ["/api/v1/schedules", { name: "s", task_type: "a", interval_seconds: 5, cron: "* * * * *" }, "interval_seconds"],
    ["/api/v1/schedules", { name: "s", task_type: "a", cron: "61 * * * *" }, "cron"],
    ["/api/v1/schedules", { name: "s", task_type: "a", cron: "* * *" }, "cron"],
    ["/api/v1/schedules", { name: "has space", task_type: "a", interval_seconds: 5 }, "name"],
  ])("POST %s %j is a 400 naming %s, and stores nothing", async (path, body, field) => {
    const api = await startInProcess();
    const response = await api.request("POST", path, body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
    expect(response.body.error).toMatch(new RegExp(`^${field.replace(/\./g, "\\.")}: `));
    const listed = await api.request("GET", path);
    expect(listed.status).toBe(200);
    const [collection] = Object.values(listed.body) as unknown[][];
    expect(collection).toEqual([]);
  });

  it("rejects bad heartbeats, completions, failures and list filters with the field named", async () => {
    const api = await startInProcess();
    const registered = await api.request("POST", "/api/v1/agents", agent);
    expect(registered.status).toBe(201);
    const heartbeat = await api.request("POST", `/api/v1/agents/${registered.body.id}/heartbeat`, {
      active_count: -1,
      trust_score: 0.5,
    });
    expect([heartbeat.status, heartbeat.body.field]).toEqual([400, "active_count"]);
    const missing = await api.request("POST", `/api/v1/agents/${registered.body.id}/heartbeat`);
    expect([missing.status, missing.body.field]).toEqual([400, "active_count"]);
    const task = await api.request("POST", "/api/v1/tasks", { type: "summarize" });
    const complete = await api.request("POST", `/api/v1/tasks/${task.body.id}/complete`, {});
    expect([complete.status, complete.body.field]).toEqual([400, "agent_id"]);
    const fail = await api.request("POST", `/api/v1/tasks/${task.body.id}/fail`, { agent_id: registered.body.id });
    expect([fail.status, fail.body.field]).toEqual([400, "error"]);
    const filter = await api.request("GET", "/api/v1/tasks?status=lost");
    expect([filter.status, filter.body.field]).toEqual([400, "status"]);
    const limit = await api.request("GET", "/api/v1/tasks?limit=100000");
    expect([limit.status, limit.body.field]).toEqual([400, "limit"]);
    const stored = await api.request("GET", `/api/v1/agents/${registered.body.id}`);
    expect(stored.body).toMatchObject({ active_count: 0, trust_score: 0.5 });
    expect((await api.request("GET", `/api/v1/tasks/${task.body.id}`)).body.status).toBe("assigned");
  });

  it("answers 404 for unknown ids and 409 for a task the agent does not hold", async () => {
    const api = await startInProcess();
    for (const path of ["/api/v1/agents/nope", "/api/v1/tasks/nope", "/api/v1/chains/nope", "/api/v1/schedules/nope"]) {
      const response = await api.request("GET", path);
      expect([path, response.status, response.body.error]).toEqual([
        path,
        404,
        expect.stringMatching(/^no \w+ with id nope$/),
      ]);
    }
    expect(
      (await api.request("POST", "/api/v1/agents/nope/heartbeat", { active_count: 0, trust_score: 1 })).status,
    ).toBe(404);
    expect((await api.request("DELETE", "/api/v1/schedules/nope")).status).toBe(404);
    expect((await api.request("POST", "/api/v1/tasks/nope/complete", { agent_id: "a" })).status).toBe(404);

    const one = await api.request("POST", "/api/v1/agents", agent);
    const other = await api.request("POST", "/api/v1/agents", { ...agent, name: "worker-2", capabilities: ["index"] });
    const task = await api.request("POST", "/api/v1/tasks", { type: "summarize" });
    expect(task.body.agent_id).toBe(one.body.id);
    const unknownAgent = await api.request("POST", `/api/v1/tasks/${task.body.id}/complete`, { agent_id: "ghost" });
    expect([unknownAgent.status, unknownAgent.body.field]).toEqual([404, "agent_id"]);
    const wrongAgent = await api.request("POST", `/api/v1/tasks/${task.body.id}/complete`, { agent_id: other.body.id });
    expect(wrongAgent.status).toBe(409);
    expect((await api.request("GET", `/api/v1/tasks/${task.body.id}`)).body.status).toBe("assigned");
  });
});
