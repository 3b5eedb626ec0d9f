import { createServer, request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { listen } from "../../metrics/test/http-server.js";
import { deferred, waitFor } from "../test/wait.js";
import { createHealth } from "./create-health.js";
import { EXIT_CODES } from "./exit-codes.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A server whose /slow route waits for `release`, with the handle answering the probes. */
async function appWithHealth(options: Parameters<typeof createHealth>[0]) {
  const health = createHealth({ exit: false, ...options });
  const release = deferred();
  let slowStarted = false;
  const server = createServer((req, res) => {
    if (health.handle(req, res)) return;
    if (req.url === "/slow") {
      slowStarted = true;
      void release.promise.then(() => res.end("done"));
      return;
    }
    res.end("ok");
  });
  health.attach(server);
  const { url, close } = await listen(server);
  closers.push(close);
  return { health, url, release, slowStarted: () => slowStarted };
}

function get(url: string): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body }),
      );
    })
      .on("error", reject)
      .end();
  });
}

describe("shutdown", () => {
  it("fails readiness at once, closes the server after the drain delay, runs hooks, then stops", async () => {
    const states: string[] = [];
    const { health, url } = await appWithHealth({
      drainDelayMs: 300,
      onStateChange: (state) => states.push(state),
    });
    health.markStarted();
    const hooksRan: string[] = [];
    health.onShutdown("first", () => void hooksRan.push("first"));
    health.onShutdown("second", () => void hooksRan.push("second"));

    const done = health.shutdown("test");
    expect(health.shutdown("again")).toBe(done);
    expect(health.state).toBe("draining");
    const ready = await get(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: "fail", state: "draining" });
    expect((await get(`${url}/health/live`)).status).toBe(200);

    const result = await done;
    expect(result).toMatchObject({ reason: "test", exitCode: EXIT_CODES.clean, requestsCut: 0 });
    expect(result.hooks.map((hook) => hook.status)).toEqual(["ok", "ok"]);
    expect(hooksRan).toEqual(["first", "second"]);
    expect(states).toEqual(["ready", "draining", "stopped"]);
    expect(health.state).toBe("stopped");
  });

  it("marks responses Connection: close while draining and lets in-flight requests finish", async () => {
    const { health, url, release, slowStarted } = await appWithHealth({ drainDelayMs: 200, requestDeadlineMs: 5000 });
    health.markStarted();
    const slow = get(`${url}/slow`);
    await waitFor(slowStarted, "the slow request to arrive");

    const done = health.shutdown("test");
    const duringDrain = await get(`${url}/fast`);
    expect(duringDrain).toMatchObject({ status: 200, connection: "close" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    release.resolve();
    expect(await slow).toMatchObject({ status: 200, body: "done", connection: "close" });
    const result = await done;
    expect(result).toMatchObject({ exitCode: EXIT_CODES.clean, requestsCut: 0 });
    await expect(get(`${url}/fast`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("cuts requests still running at the deadline and says so in the exit code", async () => {
    const { health, url, slowStarted } = await appWithHealth({ drainDelayMs: 0, requestDeadlineMs: 200 });
    const slow = get(`${url}/slow`).catch((error: Error) => error);
    await waitFor(slowStarted, "the slow request to arrive");
    const result = await health.shutdown();
    expect(result).toMatchObject({ requestsCut: 1, exitCode: EXIT_CODES.requestsCut });
    expect(await slow).toBeInstanceOf(Error);
  });

  it("exits 1 when a hook fails, and 3 when a hook fails and requests were cut", async () => {
    const failing = createHealth({ exit: false, drainDelayMs: 0 });
    failing.onShutdown("broken", () => {
      throw new Error("nope");
    });
    expect((await failing.shutdown()).exitCode).toBe(1);

    const { health, url, slowStarted } = await appWithHealth({ drainDelayMs: 0, requestDeadlineMs: 100 });
    const slow = get(`${url}/slow`).catch((error: Error) => error);
    await waitFor(slowStarted, "the slow request to arrive");
    health.onShutdown("hung", () => new Promise(() => {}), { timeoutMs: 100 });
    expect((await health.shutdown()).exitCode).toBe(3);
    await slow;
  });
});
