import { request } from "node:http";
import autocannon from "autocannon";
import { describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";

type Poll = number | "refused";

/**
 * GET on a fresh connection, as a kubelet probes: the status, or "refused" once the port is closed. A probe
 * that connected just as the listener closed is reset by the kernel instead (it was still in the accept
 * queue): that is the port closing too.
 */
function probe(url: string): Promise<Poll> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    })
      .on("error", (error: NodeJS.ErrnoException) =>
        error.code === "ECONNREFUSED" || error.code === "ECONNRESET" ? resolve("refused") : reject(error),
      )
      .end();
  });
}

describe("the sample API's health and graceful shutdown", () => {
  it("is live, started and ready within a few seconds of start, with no data yet", async () => {
    const app = await startApp();
    const deadline = Date.now() + 5000;
    let ready: Poll = 0;
    while (ready !== 200 && Date.now() < deadline) {
      ready = await probe(`${app.url}/health/ready`);
      if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(ready, app.output()).toBe(200);
    expect(await probe(`${app.url}/health/live`)).toBe(200);
    expect(await probe(`${app.url}/health/startup`)).toBe(200);
    const detail = (await (await fetch(`${app.url}/health`)).json()) as { status: string };
    expect(detail.status).toBe("pass");
    const scrape = await (await fetch(`${app.url}/metrics`)).text();
    expect(scrape).toMatch(/health_lifecycle_state\{state="ready"[^}]*\} 1/);
  });

  it("drains on SIGTERM under load: readiness fails first, no request fails, hooks run in order, exit 0", async () => {
    // The drain delay is the time the load balancer has to notice; 3 s leaves a loaded CI host room to poll.
    const app = await startApp({ HEALTH_DRAIN_DELAY_MS: "3000" });
    let responses = 0;
    let finish: (result: autocannon.Result) => void = () => {};
    const result = new Promise<autocannon.Result>((resolve) => {
      finish = resolve;
    });
    const load = autocannon({ url: `${app.url}/api/v1/tasks`, connections: 10, duration: 30 }, (error, outcome) => {
      if (error) throw error;
      finish(outcome);
    });
    load.on("response", () => {
      responses++;
    });
    while (responses < 200) await new Promise((resolve) => setTimeout(resolve, 20));

    // The test plays the load balancer: it polls readiness and stops sending once it fails.
    app.child.kill("SIGTERM");
    const signalled = performance.now();
    let stoppedAfterMs: number | undefined;
    const polls: Poll[] = [];
    while (polls.at(-1) !== "refused" && app.child.exitCode === null) {
      const status = await probe(`${app.url}/health/ready`);
      polls.push(status);
      if (status === 503 && stoppedAfterMs === undefined) {
        stoppedAfterMs = Math.round(performance.now() - signalled);
        load.stop();
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { errors, timeouts, non2xx } = await result;
    const code = await app.exited;

    const first503 = polls.indexOf(503);
    expect(first503, `polls: ${polls.join(",")}`).toBeGreaterThanOrEqual(0);
    const firstRefused = polls.indexOf("refused");
    if (firstRefused !== -1) expect(first503).toBeLessThan(firstRefused);
    expect({ errors, timeouts, non2xx }, `load stopped ${stoppedAfterMs} ms after SIGTERM`).toEqual({
      errors: 0,
      timeouts: 0,
      non2xx: 0,
    });
    expect(code, app.output()).toBe(0);
    const shutdownLines = app
      .output()
      .split("\n")
      .filter((line) => line.includes('"message":"shutdown: ') || line.includes('"message":"sample-api is '))
      .map((line) => (JSON.parse(line) as { message: string }).message);
    expect(shutdownLines).toEqual([
      "sample-api is ready",
      "sample-api is draining",
      "shutdown: traces flushed",
      "shutdown: metrics closed",
      "shutdown: flushing logs",
    ]);
  });
});
