import { request } from "node:http";
import autocannon from "autocannon";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleFixture, type RunningChild, startChild } from "../child-process.js";
import { waitFor } from "../wait.js";

let fixture = "";
beforeAll(async () => {
  fixture = await bundleFixture("graceful-server");
});

type Poll = number | "refused";

/** GET on a fresh connection, like a kubelet probe: the status, or "refused" once the port is closed. */
function probe(url: string): Promise<Poll> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    })
      .on("error", (error: NodeJS.ErrnoException) =>
        error.code === "ECONNREFUSED" ? resolve("refused") : reject(error),
      )
      .end();
  });
}

async function stopIfRunning(app: RunningChild): Promise<void> {
  if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill("SIGKILL");
  await app.exited;
}

describe("graceful shutdown of a real process", () => {
  it("drains under load: readiness fails before the port closes, no request fails, hooks run in order, exit 0", async () => {
    const app = await startChild(fixture, { FIXTURE_DRAIN_DELAY_MS: "1000" });
    try {
      let responses = 0;
      let resolveResult: (result: autocannon.Result) => void = () => {};
      const loadResult = new Promise<autocannon.Result>((resolve) => (resolveResult = resolve));
      const load = autocannon({ url: `${app.url}/work`, connections: 20, duration: 30 }, (error, result) => {
        if (error) throw error;
        resolveResult(result);
      });
      load.on("response", () => (responses += 1));
      await waitFor(() => responses >= 100, "the load to get going", 15_000);

      // The test plays the load balancer: it polls readiness and stops sending once it fails.
      const polls: Poll[] = [];
      app.child.kill("SIGTERM");
      let stopped = false;
      while (polls.at(-1) !== "refused" && app.child.exitCode === null) {
        const status = await probe(`${app.url}/health/ready`);
        polls.push(status);
        if (status === 503 && !stopped) {
          stopped = true;
          load.stop();
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const result = await loadResult;
      const exit = await app.exited;

      const first503 = polls.indexOf(503);
      expect(first503, `polls: ${polls.join(",")}`).toBeGreaterThanOrEqual(0);
      const firstRefused = polls.indexOf("refused");
      if (firstRefused !== -1) expect(first503).toBeLessThan(firstRefused);
      expect(polls.slice(first503).every((poll) => poll === 503 || poll === "refused")).toBe(true);

      expect(result["2xx"]).toBeGreaterThan(0);
      expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });

      expect(exit.code, app.output()).toBe(0);
      const lines = app.output().split("\n");
      const hookLines = lines.filter((line) => line.startsWith("hook "));
      expect(hookLines).toEqual(["hook flush-traces", "hook flush-logs"]);
      expect(lines.filter((line) => line.startsWith("state "))).toEqual([
        "state ready",
        "state draining",
        "state stopped",
      ]);
    } finally {
      await stopIfRunning(app);
    }
  });

  it("exits 1 when a hook hangs past its deadline, within the deadline and a margin", async () => {
    const app = await startChild(fixture, { FIXTURE_DRAIN_DELAY_MS: "200", FIXTURE_HANG_HOOK: "1" });
    try {
      const signalled = Date.now();
      app.child.kill("SIGTERM");
      const exit = await app.exited;
      expect(exit.code, app.output()).toBe(1);
      // drain delay 200 ms + flush-traces 50 ms + hang deadline 500 ms, plus a generous margin.
      expect(exit.at - signalled).toBeLessThan(5000);
      const lines = app.output().split("\n");
      expect(lines.filter((line) => line.startsWith("hook ") || line.startsWith("onError"))).toEqual([
        "hook flush-traces",
        'onError @periscope/health: shutdown hook "hang" timed out after 500 ms',
        "hook flush-logs",
      ]);
    } finally {
      await stopIfRunning(app);
    }
  });

  it("exits at once with 128 + the signal number on a second signal", async () => {
    const app = await startChild(fixture, { FIXTURE_DRAIN_DELAY_MS: "20000" });
    try {
      app.child.kill("SIGTERM");
      await waitFor(async () => (await probe(`${app.url}/health/ready`)) === 503, "readiness to fail");
      const signalled = Date.now();
      app.child.kill("SIGTERM");
      const exit = await app.exited;
      expect(exit.code, app.output()).toBe(143);
      expect(exit.at - signalled).toBeLessThan(5000);
      expect(app.output()).not.toContain("hook flush-traces");
    } finally {
      await stopIfRunning(app);
    }
  });
});
