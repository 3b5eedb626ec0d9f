import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createHealth } from "@periscope/health";
import { healthRouter } from "@periscope/health/express";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import type { Domain } from "../src/domain/create-domain.js";
import { type CacheCheckOptions, cacheCheck, databaseCheck } from "../src/domain/health-checks.js";
import { startApp } from "./app-process.js";
import { startInProcess } from "./in-process.js";

interface CheckResult {
  status: string;
  critical: boolean;
  message?: string;
  observed_value?: number;
}
interface Detail {
  status: string;
  checks: Record<string, CheckResult>;
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** The main.ts wiring of the database and cache checks, with @periscope/health's router on a real listener. */
async function serveHealth(domain: Domain, options: CacheCheckOptions = {}) {
  const health = createHealth({ exit: false, drainDelayMs: 0 });
  health.addCheck("database", databaseCheck(domain), { critical: true });
  health.addCheck("cache", cacheCheck(domain, options), { critical: false, timeoutMs: 1000 });
  health.markStarted();
  const app = express();
  app.use(healthRouter(health));
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  stops.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await health.shutdown();
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    health,
    status: async (path: string) => (await fetch(`${url}${path}`)).status,
    detail: async () => (await (await fetch(`${url}/health`)).json()) as Detail,
  };
}

describe("the agent-lookup cache's health check", () => {
  it("passes and reports the hit ratio of the lookups since its previous run", async () => {
    const api = await startInProcess();
    const probes = await serveHealth(api.domain);
    await probes.health.refresh();
    expect((await probes.detail()).checks.cache).toMatchObject({
      status: "pass",
      critical: false,
      message: "0 of 1000 entries; no lookups since the last check",
    });

    const agent = await api.request("POST", "/api/v1/agents", { name: "a-1", capabilities: ["*"], capacity: 2 });
    expect(agent.status).toBe(201);
    // Registering put the agent in the cache: two hits. Two unknown ids: two misses (and 404s).
    for (const id of [agent.body.id, agent.body.id, randomUUID(), randomUUID()]) {
      const expected = id === agent.body.id ? 200 : 404;
      expect((await api.request("GET", `/api/v1/agents/${id}`)).status).toBe(expected);
    }
    await probes.health.refresh();
    expect(await probes.status("/health/ready")).toBe(200);
    const detail = await probes.detail();
    expect(detail.status).toBe("pass");
    expect(detail.checks.cache).toMatchObject({
      status: "pass",
      critical: false,
      observed_value: 0.5,
      message: "1 of 1000 entries; hit ratio 0.5 over 4 lookups",
    });

    // The ratio is per interval: a run with no lookups in between has none to report.
    await probes.health.refresh();
    const quiet = (await probes.detail()).checks.cache;
    expect(quiet?.message).toBe("1 of 1000 entries; no lookups since the last check");
    expect(quiet?.observed_value).toBeUndefined();
  });

  it("a lookup past its deadline fails the check: the service is degraded but stays ready and live", async () => {
    const api = await startInProcess();
    let time = 0;
    // Each reading of this clock is 120 ms after the last, so the timed lookup takes 120 ms.
    const probes = await serveHealth(api.domain, { deadlineMs: 50, clock: () => (time += 120) });
    await probes.health.refresh();
    const detail = await probes.detail();
    expect(detail.status).toBe("degraded");
    expect(detail.checks.database?.status).toBe("pass");
    expect(detail.checks.cache).toMatchObject({ status: "fail", critical: false });
    expect(detail.checks.cache?.message).toBe(
      "a lookup took 120 ms (deadline 50 ms); 0 of 1000 entries; no lookups since the last check",
    );
    expect(await probes.status("/health/ready")).toBe(200);
    expect(await probes.status("/health/live")).toBe(200);
    expect(await probes.status("/health")).toBe(200);
  });

  it("is wired into the app as a non-critical check named cache", async () => {
    const app = await startApp();
    let detail: Detail | undefined;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const response = await fetch(`${app.url}/health`);
      detail = (await response.json()) as Detail;
      if (response.status === 200 && detail.checks.cache?.status === "pass") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(detail?.checks.cache, app.output()).toMatchObject({
      status: "pass",
      critical: false,
      message: "0 of 1000 entries; no lookups since the last check",
    });
    expect(detail?.checks.database?.critical).toBe(true);
  });
});
