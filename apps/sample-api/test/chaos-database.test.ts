import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMetrics } from "@periscope/metrics";
import { afterEach, describe, expect, it } from "vitest";
import { createDomain, type Domain } from "../src/domain/create-domain.js";
import { readChaosSettings } from "../src/http/chaos.js";
import { SimulatedDatabaseError } from "../src/storage/data-access.js";
import { startApp } from "./app-process.js";

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

/** A domain on a fresh SQLite file, never started (the test drives its ticks), with a settable clock. */
function openDomain(faults: { dbErrorRate: number; random: () => number }) {
  const dataDir = mkdtempSync(join(tmpdir(), "sample-api-chaos-"));
  const metrics = createMetrics();
  const errors: unknown[] = [];
  const clock = { now: 1_700_000_000_000 };
  const domain: Domain = createDomain({
    dataDir,
    metrics,
    faults,
    now: () => clock.now,
    onError: (error) => errors.push(error),
  });
  cleanup.push(async () => {
    await domain.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { domain, metrics, errors, clock };
}

describe("CHAOS_DB_ERROR_RATE", () => {
  it("defaults to 0, reads a share and refuses one outside 0..1 naming the variable", () => {
    expect(readChaosSettings({ CHAOS_DB_ERROR_RATE: "0.2" })).toEqual({ errorRate: 0, dbErrorRate: 0.2 });
    for (const value of ["2", "-1", "some"]) {
      expect(() => readChaosSettings({ CHAOS_DB_ERROR_RATE: value })).toThrow(/CHAOS_DB_ERROR_RATE.*0 to 1/);
    }
  });
});

describe("the database share of the chaos knob", () => {
  it("fails statements before SQLite, counts them as db errors, spares the ping, and applies changes at once", async () => {
    const faults = { dbErrorRate: 0, random: Math.random };
    const { domain, metrics } = openDomain(faults);
    faults.dbErrorRate = 1;
    const register = () => domain.agents.register({ name: "a1", capabilities: ["x"], capacity: 1, trustScore: 0.5 });
    expect(register).toThrow(SimulatedDatabaseError);
    expect(() => domain.data.ping()).not.toThrow();

    const text = await metrics.render();
    expect(text).toMatch(/db_errors_total\{database="sample-api\.db",operation="\w+",error_type="SIMULATED_FAULT"\} 1/);

    faults.dbErrorRate = 0;
    // Nothing was half-written: the name is free, and the agent registers once.
    expect(domain.agents.list(10)).toEqual([]);
    expect(register().name).toBe("a1");
    expect(domain.agents.list(10)).toHaveLength(1);
  });

  it("records a schedule run as a failure when creating its task fails", async () => {
    // Dice per statement: the due-schedule poll passes, the task insert fails, recording the run passes.
    const dice = [0.9, 0.1];
    const faults = { dbErrorRate: 0, random: () => dice.shift() ?? 0.9 };
    const { domain, metrics, errors, clock } = openDomain(faults);
    const schedule = domain.schedules.create({
      name: "every-second",
      taskType: "report",
      priority: "normal",
      intervalSeconds: 1,
    });
    clock.now += 1000;
    faults.dbErrorRate = 0.5;
    expect(domain.schedules.tick()).toBe(1);
    faults.dbErrorRate = 0;

    expect(dice).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SimulatedDatabaseError);
    expect(domain.schedules.get(schedule.id)).toMatchObject({ lastResult: "failure", runs: 1 });
    expect(domain.tasks.list({ limit: 10 })).toEqual([]);
    const text = await metrics.render();
    expect(text).toContain('scheduled_task_runs_total{schedule="every-second",result="failure"} 1');
    expect(text).not.toContain('scheduled_task_runs_total{schedule="every-second",result="success"}');
    expect(text).toContain(
      'db_errors_total{database="sample-api.db",operation="insert",error_type="SIMULATED_FAULT"} 1',
    );
  });

  it("is turned on and off by PUT /debug/chaos in the running app, where a failed statement is a 500", async () => {
    const app = await startApp({ CHAOS_TOKEN: "chaos-test-token" });
    const chaos = (body: unknown) =>
      fetch(`${app.url}/debug/chaos`, {
        method: "PUT",
        headers: { authorization: "Bearer chaos-test-token", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const register = () =>
      fetch(`${app.url}/api/v1/agents`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "a1", capabilities: ["x"], capacity: 1 }),
      });

    expect((await chaos({ db_error_rate: 1.5 })).status).toBe(400);
    expect((await chaos({})).status).toBe(400);
    const on = await chaos({ db_error_rate: 1 });
    expect(await on.json()).toEqual({ error_rate: 0, db_error_rate: 1 });
    expect((await register()).status).toBe(500);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^db_errors_total\{[^}]*error_type="SIMULATED_FAULT"[^}]*\} [1-9]/m);

    expect(await (await chaos({ db_error_rate: 0 })).json()).toEqual({ error_rate: 0, db_error_rate: 0 });
    expect((await register()).status).toBe(201);
  });
});
