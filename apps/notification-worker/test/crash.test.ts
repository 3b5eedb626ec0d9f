import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";
import { startListener, waitUntil } from "./listener.js";
import { get, payload, post } from "./payloads.js";

describe("crash test (the built worker as a child process)", () => {
  it("delivers every accepted notification after a SIGKILL mid-delivery, re-sending only what was in flight", async () => {
    // A slow receiver: each request is held 700 ms, so deliveries are in flight when the worker dies.
    const hook = await startListener({ delayMs: 700 });
    const dataDirectory = mkdtempSync(join(tmpdir(), "notification-worker-crash-"));
    const configPath = join(dataDirectory, "worker.yaml");
    writeFileSync(
      configPath,
      `receivers:
  - { name: hook, type: webhook, url: "${hook.url}", secret: s }
route:
  receiver: hook
delivery: { concurrency: 2, pollIntervalMs: 20, baseDelayMs: 50, maxDelayMs: 200 }
`,
    );
    const environment = { DATA_DIR: dataDirectory, WORKER_CONFIG: configPath, LOG_FORMAT: "json" };
    const first = await startApp(environment);
    const count = 8;
    for (let index = 0; index < count; index++) {
      const alert = { labels: { alertname: `Crash${index}`, service: "api" } };
      expect((await post(`${first.url}/webhooks/alertmanager`, payload([alert]))).status).toBe(200);
    }
    // Two delivered and two more on the wire: kill it there.
    await hook.waitFor(4);
    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    await first.exited;

    const second = await startApp(environment);
    expect(second.output()).toMatch(/reclaimed [12] deliveries left in flight/);
    await waitUntil(
      () => new Set(hook.received.map((request) => request.headers["idempotency-key"])).size === count,
      20_000,
      "every key",
    );
    await waitUntil(
      async () =>
        ((await get(`${second.url}/deliveries?state=delivered`)).body.deliveries as unknown[]).length === count,
      5000,
      "all delivered",
    );

    const byKey = new Map<string, number[]>();
    for (const request of hook.received) {
      const key = String(request.headers["idempotency-key"]);
      byKey.set(key, [...(byKey.get(key) ?? []), request.at]);
    }
    expect(byKey.size).toBe(count);
    for (const [key, arrivals] of byKey) {
      if (arrivals.length === 1) continue;
      // A key seen twice was on the wire at the kill (at-least-once): never one the worker had recorded as delivered.
      expect(arrivals, key).toHaveLength(2);
      expect(arrivals[0], key).toBeLessThanOrEqual(killedAt);
      expect(arrivals[0], key).toBeGreaterThan(killedAt - 700);
    }
    const duplicates = hook.received.length - count;
    expect(duplicates).toBeLessThanOrEqual(2);
    const counts = (await get(`${second.url}/deliveries`)).body.counts;
    expect(counts).toEqual({ pending: 0, in_flight: 0, delivered: count, dead: 0 });
  }, 60_000);
});
