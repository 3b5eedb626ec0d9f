import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";

/** prom-client's default metrics include three gauges named *_total; promtool flags them, and only them may be flagged. */
const DOCUMENTED_PROMTOOL_FINDINGS = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

function promtoolFindings(text: string): string[] {
  const result = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
  if (result.error) {
    throw new Error(
      `promtool is needed (apt-get install -y --no-install-recommends prometheus): ${result.error.message}`,
    );
  }
  return `${result.stdout}${result.stderr}`
    .split("\n")
    .filter((line) => line.trim() !== "" && !DOCUMENTED_PROMTOOL_FINDINGS.some((name) => line.startsWith(name)));
}

async function post(url: string, path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers; the assertions check their shape
  return (await response.json()) as any;
}

describe("the sample API's /metrics", () => {
  it("shows every domain kit after some traffic, and passes promtool check metrics", async () => {
    const app = await startApp({ LLM_ERROR_RATE: "0" });
    const agent = await post(app.url, "/api/v1/agents", {
      name: "m",
      capabilities: ["*"],
      capacity: 10,
      trust_score: 0.7,
    });
    await post(app.url, `/api/v1/agents/${agent.id}/heartbeat`, { active_count: 1, trust_score: 0.8 });
    const task = await post(app.url, "/api/v1/tasks", { type: "summarize", priority: "high" });
    await post(app.url, `/api/v1/tasks/${task.id}/complete`, { agent_id: agent.id });
    const doomed = await post(app.url, "/api/v1/tasks", { type: "convert", max_attempts: 1 });
    await post(app.url, `/api/v1/tasks/${doomed.id}/fail`, { agent_id: agent.id, error: "bad input" });
    const chain = await post(app.url, "/api/v1/chains", { steps: [{ type: "only" }] });
    await post(app.url, `/api/v1/tasks/${chain.steps[0].task_id}/complete`, { agent_id: agent.id });
    await post(app.url, "/api/v1/schedules", { name: "every-second", task_type: "tick", interval_seconds: 1 });
    await post(app.url, "/api/v1/tasks", { type: "llm.chat", payload: { prompt: "hi" } });

    let text = "";
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      text = await (await fetch(`${app.url}/metrics`)).text();
      if (/^scheduled_task_runs_total\{/m.test(text) && /^llm_requests_total\{/m.test(text)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const expected: RegExp[] = [
      /^tasks_created_total\{task_type="summarize",priority="high",service="sample-api"\} 1$/m,
      /^tasks_completed_total\{task_type="summarize",service="sample-api"\} 1$/m,
      /^tasks_failed_total\{task_type="convert",reason="agent_error",service="sample-api"\} 1$/m,
      /^tasks_in_queue\{priority="normal",service="sample-api"\} \d+$/m,
      /^agents_registered\{service="sample-api"\} 1$/m,
      /^agents_active\{service="sample-api"\} 1$/m,
      new RegExp(`^agent_trust_score\\{agent_id="${agent.id}",service="sample-api"\\} 0.8$`, "m"),
      /^chains_total\{status="completed",service="sample-api"\} 1$/m,
      /^chain_duration_seconds_count\{status="completed",service="sample-api"\} 1$/m,
      /^scheduled_task_runs_total\{schedule="every-second",result="success",service="sample-api"\} \d+$/m,
      /^scheduled_task_last_run_timestamp_seconds\{schedule="every-second",service="sample-api"\} \d/m,
      /^cache_hits_total\{cache="agents",service="sample-api"\} [1-9]\d*$/m,
      /^cache_entries\{cache="agents",service="sample-api"\} 1$/m,
      /^db_queries_total\{database="sample-api.db",operation="insert",service="sample-api"\} [1-9]\d*$/m,
      /^db_query_duration_seconds_bucket\{database="sample-api.db",operation="select",service="sample-api",le="0.0005"\} \d+$/m,
      /^db_connections_active\{database="sample-api.db",service="sample-api"\} 1$/m,
      /^llm_requests_total\{provider="simulated",model="sim-large",status="success",service="sample-api"\} 1$/m,
      /^health_check_status\{check="database"/m,
    ];
    for (const pattern of expected) expect(text, `${pattern}`).toMatch(pattern);
    expect(promtoolFindings(text)).toEqual([]);
  });
});
