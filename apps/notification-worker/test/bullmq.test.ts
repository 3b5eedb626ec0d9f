import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";
import { startListener, waitUntil } from "./listener.js";
import { get, payload, post } from "./payloads.js";
import { type RedisServer, startRedis } from "./redis-server.js";

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const sentCount = (output: string) => output.match(/delivery sent/g)?.length ?? 0;

describe("BullMQ on Redis (two built workers, one queue)", () => {
  it("shares the work: every key reaches the listener once, both workers send, retries and dead letters are recorded", async () => {
    // Each request held 150 ms, so one consumer (concurrency 1) is busy while the other takes the next job.
    const slack = await startListener({ delayMs: 150 });
    let flakyCalls = 0;
    const flaky = await startListener({ status: () => (++flakyCalls <= 2 ? 503 : 200) });
    const broken = await startListener({ status: () => 400 });
    const directory = mkdtempSync(join(tmpdir(), "notification-worker-bullmq-"));
    const configPath = join(directory, "worker.yaml");
    writeFileSync(
      configPath,
      `receivers:
  - { name: slack, type: webhook, url: "${slack.url}", secret: s }
  - { name: flaky, type: webhook, url: "${flaky.url}", secret: s }
  - { name: broken, type: webhook, url: "${broken.url}", secret: s }
route:
  receiver: slack
  routes:
    - { matchers: ['team="flaky"'], receiver: flaky }
    - { matchers: ['team="broken"'], receiver: broken }
delivery: { concurrency: 1, pollIntervalMs: 20, baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 4 }
queue: { kind: bullmq, url: "redis://127.0.0.1:1", name: e2e }
`,
    );
    // WORKER_QUEUE_URL overrides the (unreachable) url of the file and keeps its queue name.
    const environment = (name: string) => ({
      DATA_DIR: join(directory, name),
      WORKER_CONFIG: configPath,
      WORKER_QUEUE_URL: redis.url,
      LOG_FORMAT: "json",
    });
    const [a, b] = await Promise.all([startApp(environment("a")), startApp(environment("b"))]);
    await waitUntil(
      () => [a, b].every((app) => app.output().includes('bullmq consumer connected to queue \\"e2e\\"')),
      10_000,
      "both consumers",
    );

    const count = 12;
    const alert = (index: number) => ({ labels: { alertname: `Shared${index}`, service: "api" } });
    for (let index = 0; index < count; index++) {
      const origin = index % 2 === 0 ? a : b;
      expect((await post(`${origin.url}/webhooks/alertmanager`, payload([alert(index)]))).status).toBe(200);
    }
    // The first four also reach the other worker (two Alertmanagers, or a retry): same keys, no new jobs.
    for (let index = 0; index < 4; index++) {
      const other = index % 2 === 0 ? b : a;
      expect((await post(`${other.url}/webhooks/alertmanager`, payload([alert(index)]))).status).toBe(200);
    }
    const flakyAlert = { labels: { alertname: "Flaky", service: "api", team: "flaky" } };
    const brokenAlert = { labels: { alertname: "Broken", service: "api", team: "broken" } };
    expect((await post(`${a.url}/webhooks/alertmanager`, payload([flakyAlert, brokenAlert]))).status).toBe(200);

    const keys = () => new Set(slack.received.map((request) => String(request.headers["idempotency-key"])));
    await waitUntil(() => keys().size === count, 20_000, "every key at the listener");
    await waitUntil(() => flaky.received.length >= 3, 10_000, "the flaky receiver's third attempt");

    // Each origin records the outcome of what it accepted, whichever worker sent it.
    await waitUntil(
      async () => {
        const [countsA, countsB] = await Promise.all([a, b].map(async (app) => (await get(`${app.url}/queue`)).body));
        return (
          JSON.stringify(countsA?.outbox) === JSON.stringify({ pending: 0, in_flight: 0, delivered: 9, dead: 1 }) &&
          JSON.stringify(countsB?.outbox) === JSON.stringify({ pending: 0, in_flight: 0, delivered: 8, dead: 0 })
        );
      },
      10_000,
      "both outboxes settled",
    );

    expect(slack.received).toHaveLength(count);
    expect(flaky.received).toHaveLength(3);
    expect(new Set(flaky.received.map((request) => request.headers["idempotency-key"])).size).toBe(1);
    expect(broken.received).toHaveLength(1);

    const dead = (await get(`${a.url}/deliveries?state=dead`)).body.deliveries as {
      receiver: string;
      attempts: number;
    }[];
    expect(dead.map((delivery) => [delivery.receiver, delivery.attempts])).toEqual([["broken", 1]]);
    const queue = (await get(`${b.url}/queue`)).body as {
      kind: string;
      jobs: Record<string, number>;
      dead: { receiver: string }[];
    };
    expect(queue.kind).toBe("bullmq");
    expect(queue.jobs).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: count + 1, failed: 1 });
    expect(queue.dead.map((job) => job.receiver)).toEqual(["broken"]);

    // Both processes consumed jobs; together they sent each notification once.
    const sentByA = sentCount(a.output());
    const sentByB = sentCount(b.output());
    expect(sentByA).toBeGreaterThanOrEqual(1);
    expect(sentByB).toBeGreaterThanOrEqual(1);
    expect(sentByA + sentByB).toBe(count + 1);
    const metrics = await Promise.all([a, b].map(async (app) => (await fetch(`${app.url}/metrics`)).text()));
    const deadLetters = metrics
      .map((text) => Number(text.match(/notification_dead_letters_total\{[^}]*channel="broken"[^}]*\} (\d+)/)?.[1]))
      .reduce((sum, value) => sum + value, 0);
    expect(deadLetters).toBe(1);
  }, 30_000);
});
