import { type Client, createClient } from "./client.js";
import type { SimulatorOptions } from "./options.js";

const TASK_TYPES = ["summarize", "classify", "index", "llm.summarize", "llm.chat"] as const;
const PRIORITIES = ["low", "normal", "normal", "normal", "high", "critical"] as const;
const CHAIN_EVERY = 20;
/** Every this many tasks, an llm.summarize over a document too long for the model policy (max_prompt_tokens). */
const OVERSIZED_EVERY = 25;
const OVERSIZED_TEXT = "lorem ipsum ".repeat(1000);
const RATE_LIMIT_BURST_EVERY_MS = 10_000;

interface SimulatedAgent {
  id: string;
  trust: number;
  inHand: Set<string>;
}

export interface SimulatorStats {
  tasksCreated: number;
  chainsCreated: number;
  completed: number;
  failed: number;
  httpErrors: number;
  /** Requests answered 429 by the API's rate limit. */
  rateLimited: number;
}

export interface Simulator {
  readonly stats: SimulatorStats;
  /** Starts an error burst of `burstSeconds`. */
  burst(): void;
  /** Stops every loop and resolves when in-flight reports settle. Idempotent. */
  stop(): Promise<void>;
  /** Resolves once stopped (by stop() or after durationSeconds). */
  readonly done: Promise<void>;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/** Drives the sample API like a fleet of agents and clients would, printing a progress line every few seconds. */
export async function startSimulator(options: SimulatorOptions, print: (line: string) => void): Promise<Simulator> {
  const call: Client = createClient(options.url, options.apiKey);
  const stats: SimulatorStats = {
    tasksCreated: 0,
    chainsCreated: 0,
    completed: 0,
    failed: 0,
    httpErrors: 0,
    rateLimited: 0,
  };
  const started = Date.now();
  let burstUntil = options.burstAtStart ? started + options.burstSeconds * 1000 : 0;
  const timers: NodeJS.Timeout[] = [];
  const pending = new Set<Promise<unknown>>();
  let stopped = false;

  const track = <T>(promise: Promise<T>) => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
    return promise;
  };
  const request = async <T = unknown>(method: string, path: string, body?: unknown) => {
    const response = await track(call<T>(method, path, body));
    if (response.status === 0 || response.status >= 500) stats.httpErrors++;
    if (response.status === 429) stats.rateLimited++;
    return response;
  };
  const rateLimited = () => (stats.rateLimited > 0 ? ` | rate limited ${stats.rateLimited}` : "");
  const errorRate = () => (Date.now() < burstUntil ? options.burstErrorRate : options.errorRate);

  const agents: SimulatedAgent[] = [];
  for (let index = 0; index < options.agents; index++) {
    const capabilities = index === 0 ? ["*"] : [...new Set([pick(TASK_TYPES), pick(TASK_TYPES), "summarize"])];
    const trust = Math.round((0.6 + Math.random() * 0.35) * 100) / 100;
    const response = await request<{ id: string }>("POST", "/agents", {
      name: `sim-agent-${index + 1}`,
      capabilities,
      capacity: 5 + Math.floor(Math.random() * 6),
      trust_score: trust,
    });
    if (response.status === 0) {
      const reason = (response.body as unknown as { error: string }).error;
      throw new Error(
        `cannot reach the sample API at ${options.url} (${reason}); start it with \`pnpm start\` or pass --url`,
      );
    }
    if (response.status === 401) {
      throw new Error(
        `the sample API at ${options.url} refused the ${options.apiKey === undefined ? "missing" : "given"} API key: pass one of its API_KEYS with --api-key`,
      );
    }
    if (response.status !== 201) {
      throw new Error(
        `could not register an agent at ${options.url}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    agents.push({ id: response.body.id, trust, inHand: new Set() });
  }
  await request("POST", "/schedules", { name: "simulator-report", task_type: "summarize", interval_seconds: 15 });
  print(
    `simulator: ${agents.length} agents registered at ${options.url}, ${options.rate} tasks/s, error rate ${options.errorRate}`,
  );

  function every(milliseconds: number, fn: () => void) {
    timers.push(setInterval(() => !stopped && fn(), milliseconds));
  }

  let created = 0;
  every(1000 / options.rate, () => {
    created++;
    if (created % CHAIN_EVERY === 0) {
      const steps = [{ type: "index" }, { type: "classify" }, { type: "summarize" }];
      void request("POST", "/chains", { name: `sim-chain-${created}`, steps }).then((response) => {
        if (response.status === 201) stats.chainsCreated++;
      });
      return;
    }
    const oversized = created % OVERSIZED_EVERY === 0;
    const type = oversized ? "llm.summarize" : pick(TASK_TYPES);
    const text = oversized ? OVERSIZED_TEXT : `document ${created}`;
    void request("POST", "/tasks", { type, priority: pick(PRIORITIES), payload: { text } }).then((response) => {
      if (response.status === 201) stats.tasksCreated++;
    });
  });

  function work(agent: SimulatedAgent, taskId: string) {
    agent.inHand.add(taskId);
    const delay = 50 + Math.random() * 450;
    setTimeout(async () => {
      const fail = Math.random() < errorRate();
      const response = fail
        ? await request("POST", `/tasks/${taskId}/fail`, { agent_id: agent.id, error: "simulated failure" })
        : await request("POST", `/tasks/${taskId}/complete`, { agent_id: agent.id, result: { ok: true } });
      agent.inHand.delete(taskId);
      if (response.status !== 200) return;
      if (fail) stats.failed++;
      else stats.completed++;
      agent.trust = Math.min(1, Math.max(0, agent.trust + (fail ? -0.02 : 0.002)));
    }, delay).unref();
  }

  every(200, () => {
    for (const agent of agents) {
      void request<{ tasks: Array<{ id: string }> }>(
        "GET",
        `/tasks?agent_id=${agent.id}&status=assigned&limit=100`,
      ).then((response) => {
        if (response.status !== 200 || stopped) return;
        for (const task of response.body.tasks) if (!agent.inHand.has(task.id)) work(agent, task.id);
      });
    }
  });

  every(2000, () => {
    for (const agent of agents) {
      void request("POST", `/agents/${agent.id}/heartbeat`, {
        active_count: agent.inHand.size,
        trust_score: Math.round(agent.trust * 1000) / 1000,
      });
    }
  });

  if (options.rateLimitBurst > 0) {
    const rateLimitBurst = () => {
      for (let index = 0; index < options.rateLimitBurst; index++) void request("GET", "/agents?limit=1");
    };
    rateLimitBurst();
    every(RATE_LIMIT_BURST_EVERY_MS, rateLimitBurst);
  }

  every(options.reportEverySeconds * 1000, () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    const burst = Date.now() < burstUntil ? ` (burst: ${Math.ceil((burstUntil - Date.now()) / 1000)} s left)` : "";
    print(
      `[${seconds}s] created ${stats.tasksCreated} tasks, ${stats.chainsCreated} chains | completed ${stats.completed}, ` +
        `failed ${stats.failed} | http errors ${stats.httpErrors}${rateLimited()} | error rate ${Math.round(errorRate() * 100)}%${burst}`,
    );
  });

  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let stopping: Promise<void> | undefined;
  const simulator: Simulator = {
    stats,
    done,
    burst() {
      burstUntil = Date.now() + options.burstSeconds * 1000;
      print(
        `simulator: error burst for ${options.burstSeconds} s at ${Math.round(options.burstErrorRate * 100)}% errors`,
      );
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        for (const timer of timers) clearInterval(timer);
        await Promise.allSettled([...pending]);
        finish();
      })();
      return stopping;
    },
  };
  if (options.burstAtStart)
    print(
      `simulator: error burst for ${options.burstSeconds} s at ${Math.round(options.burstErrorRate * 100)}% errors`,
    );
  if (options.durationSeconds > 0) timers.push(setTimeout(() => void simulator.stop(), options.durationSeconds * 1000));
  return simulator;
}
