import { describe, expect, it } from "vitest";
import { startInProcess, waitFor } from "./in-process.js";

describe("the task lifecycle through an agent", () => {
  it("queues a task until an agent can take it, routes it, and records the agent's completion", async () => {
    const api = await startInProcess();
    const created = await api.request("POST", "/api/v1/tasks", {
      type: "summarize",
      priority: "high",
      payload: { doc: 1 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "queued", agent_id: null, attempts: 0 });

    const agent = (await api.request("POST", "/api/v1/agents", { name: "a", capabilities: ["summarize"], capacity: 1 }))
      .body;
    const assigned = await waitFor(
      async () => (await api.request("GET", `/api/v1/tasks/${created.body.id}`)).body,
      (task) => task.status === "assigned",
    );
    expect(assigned).toMatchObject({ status: "assigned", agent_id: agent.id, attempts: 1 });
    const mine = await api.request("GET", `/api/v1/tasks?agent_id=${agent.id}&status=assigned`);
    expect(mine.body.tasks.map((task: { id: string }) => task.id)).toEqual([created.body.id]);
    expect((await api.request("GET", `/api/v1/agents/${agent.id}`)).body.assigned).toBe(1);

    const done = await api.request("POST", `/api/v1/tasks/${created.body.id}/complete`, {
      agent_id: agent.id,
      result: { words: 3 },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", result: { words: 3 }, agent_id: agent.id });
    const again = await api.request("POST", `/api/v1/tasks/${created.body.id}/complete`, { agent_id: agent.id });
    expect(again.status).toBe(409);

    const scrape = await (await fetch(`${api.url}/metrics`)).text();
    expect(scrape).toMatch(/^tasks_completed_total\{task_type="summarize"[^}]*\} 1$/m);
    expect(scrape).toMatch(new RegExp(`^agent_tasks_completed_total\\{agent_id="${agent.id}"[^}]*\\} 1$`, "m"));
    expect(scrape).toMatch(/^task_duration_seconds_count\{task_type="summarize",status="completed"[^}]*\} 1$/m);
  });

  it("retries a failed task with backoff on the next available agent and buries it after max_attempts", async () => {
    const api = await startInProcess({ settings: { retryBackoffMs: 100 } });
    const agent = (await api.request("POST", "/api/v1/agents", { name: "a", capabilities: ["*"], capacity: 5 })).body;
    const task = (await api.request("POST", "/api/v1/tasks", { type: "convert", max_attempts: 2 })).body;
    expect(task).toMatchObject({ status: "assigned", attempts: 1 });

    const failedAt = Date.now();
    const first = await api.request("POST", `/api/v1/tasks/${task.id}/fail`, {
      agent_id: agent.id,
      error: "disk full",
    });
    expect(first.body).toMatchObject({ status: "queued", attempts: 1, error: "disk full", agent_id: null });
    expect(Date.parse(first.body.next_attempt_at) - failedAt).toBeGreaterThanOrEqual(90);

    const retried = await waitFor(
      async () => (await api.request("GET", `/api/v1/tasks/${task.id}`)).body,
      (current) => current.status === "assigned",
    );
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(90);
    expect(retried).toMatchObject({ attempts: 2, agent_id: agent.id });
    const second = await api.request("POST", `/api/v1/tasks/${task.id}/fail`, {
      agent_id: agent.id,
      error: "disk still full",
    });
    expect(second.body).toMatchObject({ status: "dead", attempts: 2, error: "disk still full" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await api.request("GET", `/api/v1/tasks/${task.id}`)).body.status).toBe("dead");

    const scrape = await (await fetch(`${api.url}/metrics`)).text();
    expect(scrape).toMatch(/^task_retries_total\{task_type="convert"[^}]*\} 1$/m);
    expect(scrape).toMatch(/^tasks_failed_total\{task_type="convert",reason="agent_error"[^}]*\} 1$/m);
  });

  it("fails the tasks of an agent that went silent, and hands them to one that still beats", async () => {
    const api = await startInProcess({ settings: { agentTimeoutMs: 300 } });
    const silent = (
      await api.request("POST", "/api/v1/agents", { name: "s", capabilities: ["index"], capacity: 1, trust_score: 0.9 })
    ).body;
    const task = (await api.request("POST", "/api/v1/tasks", { type: "index" })).body;
    expect(task.agent_id).toBe(silent.id);
    const alive = (await api.request("POST", "/api/v1/agents", { name: "l", capabilities: ["index"], capacity: 1 }))
      .body;
    const beating = setInterval(
      () => void api.request("POST", `/api/v1/agents/${alive.id}/heartbeat`, { active_count: 0, trust_score: 0.4 }),
      50,
    );
    try {
      const moved = await waitFor(
        async () => (await api.request("GET", `/api/v1/tasks/${task.id}`)).body,
        (current) => current.agent_id === alive.id,
      );
      expect(moved).toMatchObject({ status: "assigned", attempts: 2 });
      expect(moved.error).toMatch(/sent no heartbeat/);
      expect((await api.request("GET", `/api/v1/agents/${silent.id}`)).body.status).toBe("silent");
    } finally {
      clearInterval(beating);
    }
    const scrape = await (await fetch(`${api.url}/metrics`)).text();
    expect(scrape).toMatch(/^task_timeouts_total\{task_type="index"[^}]*\} 1$/m);
  });

  it("routes by least load by default and by trust when the task asks", async () => {
    const api = await startInProcess();
    const register = async (name: string, trust: number) =>
      (await api.request("POST", "/api/v1/agents", { name, capabilities: ["work"], capacity: 4, trust_score: trust }))
        .body.id as string;
    const trusted = await register("trusted", 0.9);
    const other = await register("other", 0.3);
    const first = (await api.request("POST", "/api/v1/tasks", { type: "work" })).body;
    const second = (await api.request("POST", "/api/v1/tasks", { type: "work" })).body;
    expect([first.agent_id, second.agent_id]).toEqual([trusted, other]);
    const byTrust = (await api.request("POST", "/api/v1/tasks", { type: "work", routing_strategy: "highest_trust" }))
      .body;
    expect(byTrust).toMatchObject({ agent_id: trusted, routing_strategy: "highest_trust" });
  });

  it("calls the simulated model for llm.* tasks, falling back to the second model when the first fails", async () => {
    const dice = [0.5, 0.01, 0.5, 0.5, 0.99, 0.5];
    const api = await startInProcess({ random: () => dice.shift() ?? 0.5, settings: { llmErrorRate: 0.05 } });
    const agent = (
      await api.request("POST", "/api/v1/agents", { name: "a", capabilities: ["llm.summarize"], capacity: 1 })
    ).body;
    const task = (await api.request("POST", "/api/v1/tasks", { type: "llm.summarize", payload: { text: "hello" } }))
      .body;
    const withModel = await waitFor(
      async () => (await api.request("GET", `/api/v1/tasks/${task.id}`)).body,
      (current) => current.llm !== null,
    );
    expect(withModel.agent_id).toBe(agent.id);
    expect(withModel.llm).toMatchObject({ model: "sim-small", fallback: true });
    expect(withModel.llm.costUsd).toBeGreaterThan(0);
    const scrape = await (await fetch(`${api.url}/metrics`)).text();
    expect(scrape).toMatch(/^llm_requests_total\{provider="simulated",model="sim-large",status="error"[^}]*\} 1$/m);
    expect(scrape).toMatch(/^llm_requests_total\{provider="simulated",model="sim-small",status="success"[^}]*\} 1$/m);
    expect(scrape).toMatch(/^llm_fallbacks_total\{from_model="sim-large",to_model="sim-small"[^}]*\} 1$/m);
    expect(scrape).toMatch(/^llm_tokens_total\{provider="simulated",model="sim-small",type="completion"[^}]*\} \d+$/m);
    expect(scrape).toMatch(/^llm_estimated_cost_usd_total\{provider="simulated",model="sim-large"[^}]*\} [\d.e-]+$/m);
  });
});
