import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { temporaryDataDir } from "./app-process.js";

const appDirectory = fileURLToPath(new URL("..", import.meta.url));
let child: ChildProcess | undefined;
const started: ChildProcess[] = [];
afterEach(() => {
  for (const process of started.splice(0)) if (process.pid) killTree(process.pid);
});

/** pnpm runs the app in a process group of its own, so kill descendants by parentage. */
function killTree(pid: number) {
  let children: string[] = [];
  try {
    children = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split(/\s+/);
  } catch {
    // no children
  }
  for (const childPid of children.filter(Boolean)) killTree(Number(childPid));
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Runs the app (`pnpm start` as a user would, by default) and waits for the line that says where it listens. */
async function start(
  environment: Record<string, string>,
  command = ["pnpm", "start"],
): Promise<{ url: string; output: () => string }> {
  const [program = "pnpm", ...args] = command;
  child = spawn(program, args, {
    cwd: appDirectory,
    env: { ...process.env, DATA_DIR: temporaryDataDir(), ...environment },
  });
  started.push(child);
  let output = "";
  child.stdout?.on("data", (data) => {
    output += data;
  });
  child.stderr?.on("data", (data) => {
    output += data;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sample-api did not start:\n${output}`)), 20_000);
    const check = () => {
      const match = output.match(/listening on (http:\/\/[^\s"]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child?.stdout?.on("data", check);
    child?.once("exit", (code) => reject(new Error(`sample-api exited with ${code}:\n${output}`)));
  });
  return { url, output: () => output };
}

describe("pnpm start", () => {
  it("runs the built app on HOST and PORT, loopback by default, and serves metrics by route template", async () => {
    const { url } = await start({ PORT: "0" });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const created = await fetch(`${url}/api/v1/tasks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "summarize", priority: "high" }),
    });
    expect(created.status).toBe(201);
    const task = (await created.json()) as { id: string };
    expect((await fetch(`${url}/api/v1/tasks/${task.id}`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/tasks/not-a-task`)).status).toBe(404);
    const invalid = await fetch(`${url}/api/v1/tasks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "Bad Type!" }),
    });
    expect(invalid.status).toBe(400);
    const malformed = await fetch(`${url}/api/v1/tasks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);

    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain(
      'http_requests_total{method="POST",route="/api/v1/tasks",status_code="201",service="sample-api"} 1',
    );
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/tasks/:id",status_code="404",service="sample-api"} 1',
    );
    expect(text).toContain('tasks_created_total{task_type="summarize",priority="high",service="sample-api"} 1');
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("honours HOST and PORT and refuses a PORT that is not a port", async () => {
    const { url } = await start({ PORT: "0", HOST: "127.0.0.2" });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    await expect(start({ PORT: "not-a-port" })).rejects.toThrow(/PORT must be an integer/);
  });
});
