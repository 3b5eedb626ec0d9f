import { describe, expect, it } from "vitest";
import { startInProcess, waitFor } from "./in-process.js";

describe("the model policy on llm.* tasks", () => {
  it("refuses a prompt over max_prompt_tokens: the task dies at once and the violation is counted", async () => {
    const api = await startInProcess();
    const agent = await api.request("POST", "/api/v1/agents", { name: "a", capabilities: ["*"], capacity: 4 });
    const long = await api.request("POST", "/api/v1/tasks", {
      type: "llm.summarize",
      payload: { text: "x".repeat(9000) },
    });
    const blocked = await api.request("POST", "/api/v1/tasks", { type: "llm.unrestricted" });
    const fine = await api.request("POST", "/api/v1/tasks", { type: "llm.chat", payload: { text: "hi" } });
    expect(agent.status).toBe(201);
    const read = (id: string) => async () => (await api.request("GET", `/api/v1/tasks/${id}`)).body;
    const dead = await waitFor(read(long.body.id), (task) => task.status === "dead");
    expect(dead).toMatchObject({
      status: "dead",
      attempts: 1,
      error: "model call refused by policy max_prompt_tokens",
    });
    expect(await waitFor(read(blocked.body.id), (task) => task.status === "dead")).toMatchObject({
      error: "model call refused by policy blocked_task_type",
    });
    expect(await waitFor(read(fine.body.id), (task) => task.llm !== null)).toMatchObject({ status: "assigned" });

    const text = await (await fetch(`${api.url}/metrics`)).text();
    for (const line of [
      'llm_policy_violations_total{policy="max_prompt_tokens",service="sample-api"} 1',
      'llm_policy_violations_total{policy="blocked_task_type",service="sample-api"} 1',
      'llm_policy_evaluations_total{policy="max_prompt_tokens",result="denied",service="sample-api"} 1',
      'llm_policy_evaluations_total{policy="max_prompt_tokens",result="allowed",service="sample-api"} 2',
      'llm_policy_evaluations_total{policy="blocked_task_type",result="allowed",service="sample-api"} 2',
      'tasks_failed_total{task_type="llm.summarize",reason="llm_policy",service="sample-api"} 1',
    ]) {
      expect(text).toContain(line);
    }
    expect(api.errors).toEqual([]);
  });
});
