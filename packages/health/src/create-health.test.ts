import { afterEach, describe, expect, it } from "vitest";
import { getJson, listenWithHealth } from "../test/health-server.js";
import { deferred, waitFor } from "../test/wait.js";
import { createHealth, type Health } from "./create-health.js";

const handles: Health[] = [];
const closers: (() => Promise<void>)[] = [];

async function setup(options: Parameters<typeof createHealth>[0] = {}) {
  const health = createHealth({ drainDelayMs: 0, ...options });
  handles.push(health);
  const server = await listenWithHealth(health);
  closers.push(server.close);
  return { health, url: server.url };
}

afterEach(async () => {
  await Promise.all(handles.splice(0).map((health) => health.shutdown("test over")));
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe("probes", () => {
  it("answers JSON that no cache keeps, and leaves other paths alone", async () => {
    const { health, url } = await setup();
    health.markStarted();
    const live = await getJson(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: "pass", state: "ready" });
    expect(live.headers.get("cache-control")).toBe("no-store");
    expect(live.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect((await fetch(`${url}/other`)).status).toBe(404);
  });

  it("answers HEAD without a body and other methods with 405", async () => {
    const { url } = await setup();
    const head = await fetch(`${url}/health/live`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await fetch(`${url}/health/ready`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("fails startup and readiness until markStarted(), while liveness passes", async () => {
    const { health, url } = await setup();
    expect((await getJson(`${url}/health/startup`)).status).toBe(503);
    const ready = await getJson(`${url}/health/ready`);
    expect(ready).toMatchObject({ status: 503, body: { status: "fail", state: "starting" } });
    expect((await getJson(`${url}/health/live`)).status).toBe(200);
    health.markStarted();
    expect((await getJson(`${url}/health/startup`)).status).toBe(200);
    expect(await getJson(`${url}/health/ready`)).toMatchObject({
      status: 200,
      body: { status: "pass", state: "ready" },
    });
  });

  it("keeps liveness at 200 through starting, ready and draining, and fails it once stopped", async () => {
    const { health, url } = await setup({ drainDelayMs: 200 });
    expect((await getJson(`${url}/health/live`)).body).toEqual({ status: "pass", state: "starting" });
    health.markStarted();
    const stopping = health.shutdown();
    expect(await getJson(`${url}/health/live`)).toMatchObject({ status: 200, body: { state: "draining" } });
    expect((await getJson(`${url}/health/startup`)).status).toBe(200);
    await stopping;
    expect(await getJson(`${url}/health/live`)).toMatchObject({
      status: 503,
      body: { status: "fail", state: "stopped" },
    });
    expect((await getJson(`${url}/health/ready`)).status).toBe(503);
  });

  it("answers 503 on a critical failure and 200 degraded on a non-critical one", async () => {
    const { health, url } = await setup();
    health.markStarted();
    health.addCheck("cache", () => false, { critical: false });
    await health.refresh();
    expect(await getJson(`${url}/health/ready`)).toMatchObject({ status: 200, body: { status: "degraded" } });

    health.addCheck("db", () => Promise.reject(new Error("connection refused")));
    await health.refresh();
    expect(await getJson(`${url}/health/ready`)).toMatchObject({ status: 503, body: { status: "fail" } });
    const detail = await getJson(`${url}/health`);
    expect(detail.status).toBe(503);
    expect(detail.body.checks.db).toMatchObject({ status: "fail", message: "connection refused", critical: true });
    expect(detail.body.checks.cache).toMatchObject({ status: "fail", critical: false });
    expect((await getJson(`${url}/health/live`)).status).toBe(200);
  });

  it("answers a probe while a hung check is pending, and fails it at its timeout", async () => {
    const { health, url } = await setup();
    health.markStarted();
    const registered = Date.now();
    health.addCheck("hung", () => new Promise(() => {}), { timeoutMs: 200 });

    const during = await getJson(`${url}/health/ready`);
    expect(during.status).toBe(503);
    await waitFor(
      async () => (await getJson(`${url}/health`)).body.checks.hung.message === "timed out after 200 ms",
      "the timeout to be recorded",
    );
    expect(Date.now() - registered).toBeLessThan(2000);
    expect(await getJson(`${url}/health/ready`)).toMatchObject({ status: 503, body: { status: "fail" } });
  });

  it("answers from the cache: a slow check does not hold the probe", async () => {
    const { health, url } = await setup();
    health.markStarted();
    health.addCheck("quick", () => true);
    await health.refresh();
    const release = deferred();
    let checkFinished = false;
    let runs = 0;
    health.addCheck(
      "slow",
      async () => {
        runs += 1;
        if (runs > 1) {
          await release.promise;
          checkFinished = true;
        }
      },
      { timeoutMs: 5000, critical: false },
    );
    await health.refresh();
    expect(runs).toBe(1);
    const refreshing = health.refresh();
    await waitFor(() => runs === 2, "the second run to start");

    const probe = await getJson(`${url}/health`);
    expect(checkFinished).toBe(false);
    expect(probe.status).toBe(200);
    expect(probe.body.checks.slow.status).toBe("pass");

    release.resolve();
    await refreshing;
    expect(checkFinished).toBe(true);
  });

  it("reports version, uptime and every check to an authorized caller", async () => {
    const { health, url } = await setup({ version: "1.4.2" });
    health.markStarted();
    health.addCheck("db", () => ({ status: "warn", message: "replica lag", observedValue: 12 }));
    await health.refresh();
    const { status, body } = await getJson(`${url}/health`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "degraded", state: "ready", version: "1.4.2" });
    expect(body.uptime_seconds).toBeGreaterThan(0);
    expect(body.checks.db).toMatchObject({
      status: "warn",
      message: "replica lag",
      observed_value: 12,
      critical: true,
    });
    expect(typeof body.checks.db.latency_ms).toBe("number");
    expect(typeof body.checks.db.last_checked).toBe("string");
  });

  it("throws clear errors on bad registrations", () => {
    const health = createHealth({ drainDelayMs: 0 });
    handles.push(health);
    health.addCheck("db", () => true);
    expect(() => health.addCheck("db", () => true)).toThrow(/"db" is already registered/);
    expect(() => health.addCheck("", () => true)).toThrow(/non-empty name/);
    expect(() => health.addCheck("x", {} as never)).toThrow(/function or an object with run/);
    expect(() => health.addCheck("y", () => true, { timeoutMs: -5 })).toThrow(/check "y" timeoutMs/);
    expect(() => health.onShutdown("z", "nope" as never)).toThrow(/must be a function/);
    expect(() => health.attach({} as never)).toThrow(/node:http/);
  });
});

describe("detail hiding", () => {
  it("shows only the status without the token, everything with it", async () => {
    const { health, url } = await setup({ detailToken: "t0ken", version: "9.9.9" });
    health.markStarted();
    health.addCheck("secret-db", () => {
      throw new Error("password authentication failed for user app");
    });
    await health.refresh();

    const anonymous = await getJson(`${url}/health`);
    expect(anonymous.status).toBe(503);
    expect(anonymous.body).toEqual({ status: "fail" });

    const wrong = await getJson(`${url}/health`, { Authorization: "Bearer nope" });
    expect(wrong.body).toEqual({ status: "fail" });

    const authorized = await getJson(`${url}/health`, { Authorization: "Bearer t0ken" });
    expect(authorized.status).toBe(503);
    expect(authorized.body.version).toBe("9.9.9");
    expect(authorized.body.checks["secret-db"].message).toContain("password authentication failed");
  });

  it("takes the token from HEALTH_DETAIL_TOKEN when the option is not set", async () => {
    process.env.HEALTH_DETAIL_TOKEN = "env-token";
    try {
      const { health, url } = await setup();
      health.markStarted();
      expect((await getJson(`${url}/health`)).body).toEqual({ status: "pass" });
      const full = await getJson(`${url}/health`, { Authorization: "Bearer env-token" });
      expect(full.body).toMatchObject({ status: "pass", state: "ready", checks: {} });
    } finally {
      delete process.env.HEALTH_DETAIL_TOKEN;
    }
  });
});
