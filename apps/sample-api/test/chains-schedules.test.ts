import { describe, expect, it } from "vitest";
import { startInProcess, waitFor } from "./in-process.js";

describe("chains", () => {
  it("runs three steps in order, each starting only when the one before completes", async () => {
    const api = await startInProcess();
    const agent = (await api.request("POST", "/api/v1/agents", { name: "a", capabilities: ["*"], capacity: 3 })).body;
    const created = await api.request("POST", "/api/v1/chains", {
      name: "ingest",
      steps: [{ type: "fetch" }, { type: "parse", priority: "high" }, { type: "store" }],
    });
    expect(created.status).toBe(201);
    const chain = created.body;
    expect(chain).toMatchObject({ status: "running", current_step: 0, step_count: 3 });
    expect(chain.steps.map((step: { status: string }) => step.status)).toEqual(["assigned", "pending", "pending"]);

    const order: string[] = [];
    for (let step = 0; step < 3; step++) {
      const current = (await api.request("GET", `/api/v1/chains/${chain.id}`)).body;
      expect(current.current_step).toBe(step);
      expect(current.steps.filter((entry: { task_id: string | null }) => entry.task_id !== null)).toHaveLength(
        step + 1,
      );
      const task = (await api.request("GET", `/api/v1/tasks/${current.steps[step].task_id}`)).body;
      expect(task).toMatchObject({ status: "assigned", chain_id: chain.id, chain_step: step, agent_id: agent.id });
      order.push(task.type);
      await api.request("POST", `/api/v1/tasks/${task.id}/complete`, { agent_id: agent.id });
    }
    expect(order).toEqual(["fetch", "parse", "store"]);
    const finished = (await api.request("GET", `/api/v1/chains/${chain.id}`)).body;
    expect(finished.status).toBe("completed");
    expect(finished.finished_at).not.toBeNull();
    expect(finished.steps.map((step: { status: string }) => step.status)).toEqual([
      "completed",
      "completed",
      "completed",
    ]);
    const scrape = await (await fetch(`${api.url}/metrics`)).text();
    expect(scrape).toMatch(/^chains_total\{status="completed"[^}]*\} 1$/m);
    expect(scrape).toMatch(/^chain_steps_total\{status="completed"[^}]*\} 3$/m);
  });

  it("fails the chain when a step's task dies, and starts no further step", async () => {
    const api = await startInProcess();
    const agent = (await api.request("POST", "/api/v1/agents", { name: "a", capabilities: ["*"], capacity: 3 })).body;
    const chain = (
      await api.request("POST", "/api/v1/chains", { steps: [{ type: "one", max_attempts: 1 }, { type: "two" }] })
    ).body;
    await api.request("POST", `/api/v1/tasks/${chain.steps[0].task_id}/fail`, { agent_id: agent.id, error: "boom" });
    const failed = (await api.request("GET", `/api/v1/chains/${chain.id}`)).body;
    expect(failed).toMatchObject({ status: "failed", current_step: 0 });
    expect(failed.steps.map((step: { status: string }) => step.status)).toEqual(["dead", "pending"]);
  });
});

describe("schedules", () => {
  it("fires an interval schedule every second, creating tasks and recording runs", async () => {
    const api = await startInProcess();
    const created = await api.request("POST", "/api/v1/schedules", {
      name: "heartbeat-report",
      task_type: "report",
      interval_seconds: 1,
      payload: { scope: "all" },
    });
    expect(created.status).toBe(201);
    const schedule = created.body;
    expect(Date.parse(schedule.next_run_at) - Date.parse(schedule.created_at)).toBe(1000);

    const fired = await waitFor(
      async () => (await api.request("GET", `/api/v1/schedules/${schedule.id}`)).body,
      (current) => current.runs >= 2,
      4000,
    );
    expect(fired).toMatchObject({ runs: 2, last_result: "success" });
    const tasks = (await api.request("GET", "/api/v1/tasks?type=report")).body.tasks;
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({ schedule_id: schedule.id, payload: { scope: "all" }, status: "queued" });

    const scrape = await (await fetch(`${api.url}/metrics`)).text();
    expect(scrape).toMatch(/^scheduled_task_runs_total\{schedule="heartbeat-report",result="success"[^}]*\} 2$/m);
    expect(scrape).toMatch(/^scheduled_task_next_run_timestamp_seconds\{schedule="heartbeat-report"[^}]*\} \d+/m);
    expect(scrape).toMatch(/^scheduled_tasks_registered\{[^}]*\} 1$/m);

    expect(
      (
        await api.request("POST", "/api/v1/schedules", {
          name: "heartbeat-report",
          task_type: "x",
          interval_seconds: 5,
        })
      ).status,
    ).toBe(409);
    expect((await api.request("DELETE", `/api/v1/schedules/${schedule.id}`)).status).toBe(204);
    expect((await api.request("GET", `/api/v1/schedules/${schedule.id}`)).status).toBe(404);
  });

  it("stores a cron schedule with its next minute in UTC", async () => {
    const api = await startInProcess();
    const schedule = (
      await api.request("POST", "/api/v1/schedules", { name: "nightly", task_type: "backup", cron: "30 2 * * *" })
    ).body;
    const next = new Date(schedule.next_run_at);
    expect([next.getUTCHours(), next.getUTCMinutes(), next.getUTCSeconds()]).toEqual([2, 30, 0]);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
    expect(next.getTime()).toBeGreaterThan(Date.now());
  });
});
