import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startApp, temporaryDataDir } from "./app-process.js";

async function call(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers; the assertions check their shape
  return { status: response.status, body: (await response.json()) as any };
}

describe("the sample API's storage", () => {
  it("keeps agents, tasks, chains and schedules in DATA_DIR across a crash and a restart", async () => {
    const dataDir = join(temporaryDataDir(), "nested", "data");
    const first = await startApp({ DATA_DIR: dataDir });
    expect(existsSync(join(dataDir, "sample-api.db"))).toBe(true);
    const agent = (
      await call(first.url, "POST", "/api/v1/agents", { name: "keeper", capabilities: ["*"], capacity: 4 })
    ).body;
    const done = (await call(first.url, "POST", "/api/v1/tasks", { type: "summarize", payload: { n: 1 } })).body;
    await call(first.url, "POST", `/api/v1/tasks/${done.id}/complete`, { agent_id: agent.id, result: { ok: true } });
    const running = (await call(first.url, "POST", "/api/v1/tasks", { type: "index" })).body;
    const chain = (
      await call(first.url, "POST", "/api/v1/chains", { name: "c", steps: [{ type: "a" }, { type: "b" }] })
    ).body;
    const schedule = (
      await call(first.url, "POST", "/api/v1/schedules", { name: "hourly", task_type: "report", cron: "0 * * * *" })
    ).body;
    first.child.kill("SIGKILL");
    await first.exited;

    const second = await startApp({ DATA_DIR: dataDir });
    expect((await call(second.url, "GET", `/api/v1/tasks/${done.id}`)).body).toMatchObject({
      status: "completed",
      payload: { n: 1 },
      result: { ok: true },
      agent_id: agent.id,
    });
    expect((await call(second.url, "GET", `/api/v1/tasks/${running.id}`)).body).toMatchObject({
      status: "assigned",
      agent_id: agent.id,
    });
    expect((await call(second.url, "GET", `/api/v1/agents/${agent.id}`)).body).toMatchObject({
      name: "keeper",
      assigned: 2,
    });
    expect((await call(second.url, "GET", `/api/v1/chains/${chain.id}`)).body).toMatchObject({
      name: "c",
      status: "running",
      step_count: 2,
    });
    expect((await call(second.url, "GET", `/api/v1/schedules/${schedule.id}`)).body).toMatchObject({
      name: "hourly",
      cron: "0 * * * *",
      next_run_at: schedule.next_run_at,
    });
    // The stored chain goes on where it stopped.
    const chainTask = (await call(second.url, "GET", `/api/v1/tasks?chain_id=${chain.id}`)).body.tasks[0];
    await call(second.url, "POST", `/api/v1/tasks/${chainTask.id}/complete`, { agent_id: agent.id });
    expect((await call(second.url, "GET", `/api/v1/chains/${chain.id}`)).body.current_step).toBe(1);
  });

  it("refuses to start on a DATA_DIR it cannot create, saying why", async () => {
    const file = join(temporaryDataDir(), "a-file");
    writeFileSync(file, "");
    await expect(startApp({ DATA_DIR: join(file, "data") })).rejects.toThrow(
      /exited with 1:[\s\S]*cannot start: DATA_DIR=.*ENOTDIR/,
    );
  });
});
