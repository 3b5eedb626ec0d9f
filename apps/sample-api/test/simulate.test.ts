import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSimulatorArgs } from "../src/simulator/options.js";
import { startApp } from "./app-process.js";

const appDirectory = fileURLToPath(new URL("..", import.meta.url));

function runSimulator(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["dist/simulate.js", ...args], { cwd: appDirectory });
    let output = "";
    child.stdout.on("data", (data) => {
      output += data;
    });
    child.stderr.on("data", (data) => {
      output += data;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("the traffic simulator", () => {
  it("registers agents, creates tasks, completes them, fails them during a burst, and prints progress", async () => {
    const app = await startApp({ RETRY_BACKOFF_MS: "100" });
    const { code, output } = await runSimulator([
      "--url",
      app.url,
      "--duration",
      "4",
      "--rate",
      "20",
      "--agents",
      "3",
      "--error-rate",
      "0",
      "--burst",
      "2",
      "--burst-error-rate",
      "1",
      "--report-every",
      "1",
    ]);
    expect(code, output).toBe(0);
    expect(output).toContain(`3 agents registered at ${app.url}`);
    expect(output).toContain("simulator: error burst for 2 s at 100% errors");
    // Which second a report lands on, and how much of the burst is left by the first, depend on the machine's load.
    expect(output).toMatch(
      /^\[\d+s\] created \d+ tasks, \d+ chains \| completed \d+, failed \d+ \| http errors 0 \| error rate/m,
    );
    const done =
      /simulator: done: created (\d+) tasks, \d+ chains \| completed (\d+), failed (\d+) \| http errors 0/.exec(output);
    expect(done, output).not.toBeNull();
    expect(Number(done?.[1])).toBeGreaterThan(20);
    expect(Number(done?.[2])).toBeGreaterThan(0);
    // Outside the burst the error rate is 0: every failure is the burst's.
    expect(Number(done?.[3]), output).toBeGreaterThan(0);

    const agents = (await (await fetch(`${app.url}/api/v1/agents`)).json()) as { agents: unknown[] };
    expect(agents.agents).toHaveLength(3);
    const scrape = await (await fetch(`${app.url}/metrics`)).text();
    expect(scrape).toMatch(/^task_retries_total\{[^}]*\} [1-9]/m);
    expect(scrape).toMatch(/^tasks_completed_total\{[^}]*\} [1-9]/m);
  });

  it("sends --api-key, goes past the rate limit with --rate-limit-burst, and says when the key is refused", async () => {
    const key = "sim-0123456789abcdef";
    // A burst goes past the limit only if the app answers it faster than the bucket refills: 50 a second here,
    // half of what a loaded CI host served (at 100 a second, 600 requests at once met no 429), and still above
    // the simulator's steady ~30 requests a second.
    const app = await startApp({ API_KEYS: `acme:${key}`, RATE_LIMIT_PER_MINUTE: "3000", RATE_LIMIT_BURST: "40" });
    const refused = await runSimulator(["--url", app.url, "--duration", "1"]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("refused the missing API key: pass one of its API_KEYS with --api-key");

    const run = await runSimulator([
      ...["--url", app.url, "--api-key", key, "--rate-limit-burst", "600"],
      ...["--duration", "2", "--rate", "10", "--agents", "2", "--error-rate", "0"],
    ]);
    expect(run.code, run.output).toBe(0);
    const done = /created (\d+) tasks.*\| http errors 0 \| rate limited (\d+)$/m.exec(run.output);
    expect(done, run.output).not.toBeNull();
    expect(Number(done?.[1])).toBeGreaterThan(5);
    expect(Number(done?.[2])).toBeGreaterThan(0);
    const scrape = await (await fetch(`${app.url}/metrics`)).text();
    expect(scrape).toMatch(/^rate_limit_rejections_total\{organization="acme",limit_type="per_minute"[^}]*\} [1-9]/m);
    expect(scrape).toMatch(
      /^api_key_requests_total\{organization="acme",key_id="key_[0-9a-f]{12}",status="201"[^}]*\} [1-9]/m,
    );
  });

  it("says what is wrong with its flags, and that it cannot reach the API", async () => {
    expect(parseSimulatorArgs(["--error-rate=0.1", "--url", "http://localhost:9/"])).toMatchObject({
      errorRate: 0.1,
      url: "http://localhost:9",
    });
    expect(() => parseSimulatorArgs(["--error-rate", "2"])).toThrow(/--error-rate must be a number from 0 to 1/);
    expect(() => parseSimulatorArgs(["--nope", "1"])).toThrow(/unknown option --nope/);
    expect(() => parseSimulatorArgs(["--rate"])).toThrow(/--rate needs a value/);
    expect(parseSimulatorArgs(["--api-key", "k-1", "--rate-limit-burst=50"])).toMatchObject({
      apiKey: "k-1",
      rateLimitBurst: 50,
    });
    expect(() => parseSimulatorArgs(["--rate-limit-burst", "0"])).toThrow(/--rate-limit-burst must be a number from 1/);
    const unreachable = await runSimulator(["--url", "http://127.0.0.1:9", "--duration", "1"]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/cannot reach the sample API at http:\/\/127\.0\.0\.1:9 \(fetch failed\)/);
  });
});
