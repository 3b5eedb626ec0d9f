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
      "3",
      "--rate",
      "20",
      "--agents",
      "3",
      "--error-rate",
      "0",
      "--burst",
      "1",
      "--burst-error-rate",
      "1",
      "--report-every",
      "1",
    ]);
    expect(code, output).toBe(0);
    expect(output).toContain(`3 agents registered at ${app.url}`);
    expect(output).toContain("simulator: error burst for 1 s at 100% errors");
    expect(output).toMatch(
      /^\[1s\] created \d+ tasks, \d+ chains \| completed \d+, failed [1-9]\d* \| http errors 0 \| error rate/m,
    );
    const done =
      /simulator: done: created (\d+) tasks, \d+ chains \| completed (\d+), failed (\d+) \| http errors 0/.exec(output);
    expect(done, output).not.toBeNull();
    expect(Number(done?.[1])).toBeGreaterThan(20);
    expect(Number(done?.[2])).toBeGreaterThan(0);

    const agents = (await (await fetch(`${app.url}/api/v1/agents`)).json()) as { agents: unknown[] };
    expect(agents.agents).toHaveLength(3);
    const scrape = await (await fetch(`${app.url}/metrics`)).text();
    expect(scrape).toMatch(/^task_retries_total\{[^}]*\} [1-9]/m);
    expect(scrape).toMatch(/^tasks_completed_total\{[^}]*\} [1-9]/m);
  });

  it("says what is wrong with its flags, and that it cannot reach the API", async () => {
    expect(parseSimulatorArgs(["--error-rate=0.1", "--url", "http://localhost:9/"])).toMatchObject({
      errorRate: 0.1,
      url: "http://localhost:9",
    });
    expect(() => parseSimulatorArgs(["--error-rate", "2"])).toThrow(/--error-rate must be a number from 0 to 1/);
    expect(() => parseSimulatorArgs(["--nope", "1"])).toThrow(/unknown option --nope/);
    expect(() => parseSimulatorArgs(["--rate"])).toThrow(/--rate needs a value/);
    const unreachable = await runSimulator(["--url", "http://127.0.0.1:9", "--duration", "1"]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/cannot reach the sample API at http:\/\/127\.0\.0\.1:9 \(fetch failed\)/);
  });
});
