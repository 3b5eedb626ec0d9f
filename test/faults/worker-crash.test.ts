import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { type App, startApp } from "../../apps/notification-worker/test/app-process.js";
import { waitUntil } from "../../apps/notification-worker/test/listener.js";
import { get, payload } from "../../apps/notification-worker/test/payloads.js";
import { recordResult } from "./results.js";
import { startFaultReceiver } from "./support/fault-receiver.js";
import { faultsMode } from "./support/mode.js";
import { webhookConfig, workerDirectory } from "./support/worker-process.js";

const mode = faultsMode();
const ALERTS = mode.pick(1_000, 10_000);
const PER_PAYLOAD = 5;
const KILLS = mode.pick(3, 15);
const CONCURRENCY = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low));

function integrityOf(dataDirectory: string): string {
  const db = new Database(join(dataDirectory, "worker.db"));
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

describe("worker crash: SIGKILL at random moments during a stream of alerts", () => {
  it(
    "delivers every accepted alert at least once, suppresses duplicates by key, and never corrupts SQLite",
    async () => {
      const receiver = await startFaultReceiver(() => ({ status: 200, delayMs: between(0, 15) }));
      const { dataDirectory, environment } = workerDirectory(
        webhookConfig(receiver.url, { concurrency: CONCURRENCY, pollIntervalMs: 20, baseDelayMs: 50, maxDelayMs: 200 }),
      );
      let worker: App = await startApp(environment);
      let restarting: Promise<void> | undefined;

      // The sender plays Alertmanager: a payload that got no 2xx (refused, reset, 5xx) is sent again.
      const payloads = Array.from({ length: ALERTS / PER_PAYLOAD }, (_, batch) =>
        payload(
          Array.from({ length: PER_PAYLOAD }, (_, index) => ({
            labels: { alertname: `Crash${batch * PER_PAYLOAD + index}`, service: "api" },
          })),
        ),
      );
      let accepted = 0;
      let resent = 0;
      let repeated = 0;
      let suppressed = 0;
      // One payload in ten comes again after it was accepted, as Alertmanager repeats firing alerts.
      const stream = payloads.flatMap((body, index) => (index % 10 === 3 ? [body, body] : [body]));
      const seen = new Set<unknown>();
      const sender = (async () => {
        for (const body of stream) {
          const repeat = seen.has(body);
          seen.add(body);
          for (let attempt = 0; ; attempt++) {
            await restarting;
            if (attempt > 0) resent++;
            try {
              const response = await fetch(`${worker.url}/webhooks/alertmanager`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify(body),
              });
              const answer = (await response.json()) as { queued?: number };
              if (response.status === 200) {
                if (repeat) repeated += body.alerts.length;
                else accepted += body.alerts.length;
                suppressed += body.alerts.length - (answer.queued ?? 0);
                break;
              }
            } catch {
              // The worker died under this request: whether it was stored is unknown, so send it again.
            }
            await sleep(20);
          }
          await sleep(mode.pick(15, 5));
        }
      })();

      const integrity: string[] = [];
      let reclaimed = 0;
      for (let kill = 0; kill < KILLS; kill++) {
        await sleep(between(300, 1_500));
        let restarted: () => void = () => {};
        restarting = new Promise((resolve) => {
          restarted = resolve;
        });
        worker.child.kill("SIGKILL");
        await worker.exited;
        integrity.push(integrityOf(dataDirectory));
        worker = await startApp(environment);
        reclaimed += Number(worker.output().match(/reclaimed (\d+) deliveries/)?.[1] ?? 0);
        restarted();
        restarting = undefined;
      }
      await sender;

      await waitUntil(
        () => receiver.keys().size >= ALERTS,
        mode.pick(120_000, 900_000),
        `${ALERTS} distinct keys at the receiver`,
      );
      await waitUntil(
        async () => ((await get(`${worker.url}/deliveries`)).body.counts as { delivered: number }).delivered === ALERTS,
        30_000,
        "every delivery recorded",
      );
      const counts = (await get(`${worker.url}/deliveries`)).body.counts;
      worker.child.kill("SIGTERM");
      expect(await worker.exited, worker.output().slice(-2000)).toBe(0);
      integrity.push(integrityOf(dataDirectory));

      expect(accepted).toBe(ALERTS);
      // Every repeat of an accepted alert was recognised by its idempotency key (a resend of a payload lost at a
      // kill may add to it: the worker had stored it before dying).
      expect(repeated).toBeGreaterThan(0);
      expect(suppressed).toBeGreaterThanOrEqual(repeated);
      expect(counts).toEqual({ pending: 0, in_flight: 0, delivered: ALERTS, dead: 0 });
      expect(receiver.keys().size).toBe(ALERTS);
      // A key arrives twice only when it was on the wire at a kill: at most `concurrency` per kill.
      const duplicates = receiver.arrivals.length - ALERTS;
      expect(duplicates).toBeLessThanOrEqual(KILLS * CONCURRENCY);
      expect(integrity).toEqual(Array(KILLS + 1).fill("ok"));
      recordResult({
        area: "Faults survived",
        scenario: "Worker SIGKILLed at random moments",
        tried: `${ALERTS} alerts in ${payloads.length} webhook payloads (${stream.length - payloads.length} sent twice), ${KILLS} SIGKILLs at random moments, restart after each`,
        count: accepted,
        result:
          `all ${receiver.keys().size} accepted alerts delivered; ${duplicates} re-sent after a kill (bound ${KILLS * CONCURRENCY}), ` +
          `${reclaimed} reclaimed from in_flight; ${resent} payloads sent again after a kill and ${repeated} alerts repeated on purpose: ${suppressed} not queued twice (idempotency key); ` +
          `integrity_check ok after each of ${integrity.length} stops`,
      });
    },
    mode.pick(240_000, 1_800_000),
  );
});
