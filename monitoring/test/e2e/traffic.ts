/** A request with the API key; a 429 (the simulator's rate-limit bursts share the key) waits Retry-After and retries. */
async function keyed(url: string, apiKey: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, { ...init, headers: { ...init.headers, "x-api-key": apiKey } });
    if (response.status !== 429 || attempt === 5) return response;
    const seconds = Number(response.headers.get("retry-after")) || 1;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

async function post(url: string, apiKey: string, body: unknown): Promise<{ id: string }> {
  const response = await keyed(url, apiKey, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/**
 * An agent that takes a task and goes silent, as a crashed worker would: the sample API's sweeper times the
 * task out (`task_timeouts_total`, with AGENT_TIMEOUT_MS shortened), and looking the agent up after the
 * agent cache's 5 s TTL evicts and misses (`cache_evictions_total`, `cache_misses_total`). The simulator's
 * agents never go silent, so nothing else exercises these panels.
 */
export async function driveSilentAgent(apiUrl: string, apiKey: string, waitMs: number): Promise<void> {
  const agent = await post(`${apiUrl}/api/v1/agents`, apiKey, {
    name: "e2e-silent",
    capabilities: ["e2e.silent"],
    capacity: 1,
  });
  await post(`${apiUrl}/api/v1/tasks`, apiKey, { type: "e2e.silent", max_attempts: 1 });
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  const response = await keyed(`${apiUrl}/api/v1/agents/${agent.id}`, apiKey);
  if (response.status !== 200) throw new Error(`GET agent answered ${response.status}`);
}

/**
 * A schedule due every second, so the scheduled-tasks panels have runs to show whatever the test's length
 * (the simulator's own schedule may not come due within it). Its tasks wait for the silent agent's type.
 */
export async function createFastSchedule(apiUrl: string, apiKey: string): Promise<void> {
  await post(`${apiUrl}/api/v1/schedules`, apiKey, {
    name: "e2e-every-second",
    task_type: "e2e.silent",
    interval_seconds: 1,
  });
}
