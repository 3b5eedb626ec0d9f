import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedis } from "../../notification-worker/test/redis-server.js";
import { startApp } from "./app-process.js";
import { type Received, sleep, startSlackListener, waitUntil } from "./slack-listener.js";
import { probeConsumers, sentBy } from "./worker-consumers.js";
import { ensureWorkerBuilt, startWorker, type WorkerProcess } from "./worker-process.js";

const ESCALATION_AFTER_MS = 3000; // afterMinutes: 0.05
const WEBHOOK_TOKEN = "e2e-webhook-token";
const CHAOS_TOKEN = "e2e-chaos-token";
const PROBE_DELAY_MS = 300;

interface WorkerAlert {
  fingerprint: string;
  state: string;
  labels: Record<string, string>;
  startsAt: string;
  escalation?: string;
  notifiedSteps: number;
}

/**
 * `queue` is the YAML line choosing the queue (none: SQLite). One send at a time per process, so with BullMQ a
 * worker busy on a slow probe leaves the next job to the other; `probe-slack` only serves that check.
 */
const workerYaml = (slackUrl: string, queue: string) => `
receivers:
  - { name: team-slack, type: slack, webhookUrl: "${slackUrl}/slack" }
  - { name: oncall-slack, type: slack, webhookUrl: "${slackUrl}/escalation" }
  - { name: probe-slack, type: slack, webhookUrl: "${slackUrl}/probe" }
route:
  receiver: team-slack
  routes:
    - matchers: ['alertname="HighErrorRate"']
      escalation: oncall
    - { matchers: ['alertname="ConsumerProbe"'], receiver: probe-slack }
escalationPolicies:
  - name: oncall
    steps:
      - { afterMinutes: 0, receivers: [team-slack] }
      - { afterMinutes: 0.05, receivers: [oncall-slack] }
delivery: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200, pollIntervalMs: 25, timeoutMs: 3000, concurrency: 1 }
escalation: { intervalMs: 50 }
${queue}
`;

const status = (message: Received) =>
  /\bRESOLVED\b/.test(message.body) ? "resolved" : /\bFIRING\b/.test(message.body) ? "firing" : "other";

/** Drives GET /api/v1/agents every 50 ms until stopped, so the error ratio follows the chaos setting. */
function driveTraffic(apiUrl: string) {
  let running = true;
  const statuses: number[] = [];
  const done = (async () => {
    while (running) {
      const response = await fetch(`${apiUrl}/api/v1/agents`);
      await response.body?.cancel();
      statuses.push(response.status);
      await sleep(50);
    }
  })();
  return {
    statuses,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

interface Variant {
  name: string;
  /** Starts the workers for this Slack stand-in; the evaluator posts to (and the test acks on) the first. */
  startWorkers(slackUrl: string): Promise<WorkerProcess[]>;
}

let redis: RedisServer | undefined;
const queueName = "sample-api-e2e";

const variants: Variant[] = [
  {
    name: "the SQLite queue and one worker",
    startWorkers: async (slackUrl) => [await startWorker(workerYaml(slackUrl, ""), { WEBHOOK_TOKEN })],
  },
  {
    name: "the BullMQ queue on Redis and two workers",
    async startWorkers(slackUrl) {
      redis ??= await startRedis();
      const yaml = workerYaml(slackUrl, `queue: { kind: bullmq, url: "${redis.url}", name: ${queueName} }`);
      return Promise.all([0, 1].map(() => startWorker(yaml, { WEBHOOK_TOKEN, LOG_FORMAT: "json" })));
    },
  },
];

afterAll(async () => {
  await redis?.stop();
});

describe.each(variants)(
  "alert end to end with $name: sample API evaluator -> notification worker -> Slack",
  (variant) => {
    beforeAll(() => ensureWorkerBuilt(), 180_000);

    it("fires once on an error burst, an ack stops escalation, recovery sends one resolution", async () => {
      const slack = await startSlackListener({ delayMs: (path) => (path === "/probe" ? PROBE_DELAY_MS : 0) });
      const workers = await variant.startWorkers(slack.url);
      const worker = workers[0] as WorkerProcess;
      for (const each of workers) expect((await fetch(`${each.url}/health/ready`)).status).toBe(200);
      const probes =
        workers.length > 1
          ? await probeConsumers(workers, slack, queueName, { authorization: `Bearer ${WEBHOOK_TOKEN}` })
          : 0;

      const api = await startApp({
        ALERT_WEBHOOK_URL: `${worker.url}/webhooks/alertmanager`,
        ALERT_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
        ALERT_EVALUATION_INTERVAL_MS: "200",
        ALERT_WINDOW: "10s",
        ALERT_FOR: "1s",
        CHAOS_ERROR_RATE: "1",
        CHAOS_TOKEN,
      });
      expect(api.output()).toContain("alert evaluator sending to");
      const onSlack = () => slack.received.filter((message) => message.path === "/slack");
      const escalated = () => slack.received.filter((message) => message.path === "/escalation");
      const traffic = driveTraffic(api.url);
      try {
        // Burst: every /api/v1 request answers 500 until the alert reaches Slack.
        await waitUntil(() => onSlack().length >= 1, 30_000, "the firing message on Slack");
        expect(traffic.statuses.length).toBeGreaterThan(0);
        expect(traffic.statuses.every((code) => code === 500)).toBe(true);
        const alerts = (await (await fetch(`${worker.url}/alerts?state=firing`)).json()) as { alerts: WorkerAlert[] };
        expect(alerts.alerts).toHaveLength(1);
        const alert = alerts.alerts[0] as WorkerAlert;
        expect(alert.labels).toMatchObject({ alertname: "HighErrorRate", service: "sample-api", severity: "warning" });
        expect(alert).toMatchObject({ escalation: "oncall", notifiedSteps: 1 });
        expect(onSlack().map(status)).toEqual(["firing"]);
        expect(onSlack()[0]?.body).toContain(alert.fingerprint);

        const ack = await fetch(`${worker.url}/alerts/${alert.fingerprint}/ack`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ by: "e2e" }),
        });
        expect(ack.status).toBe(200);
        // The ack must land before the second step falls due, or this test proves nothing.
        expect(Date.now()).toBeLessThan(Date.parse(alert.startsAt) + ESCALATION_AFTER_MS);

        // Wait past the second step's time (plus several escalation passes): it never arrives.
        await sleep(Math.max(0, Date.parse(alert.startsAt) + ESCALATION_AFTER_MS + 1500 - Date.now()));
        expect(escalated()).toEqual([]);
        expect(onSlack().map(status)).toEqual(["firing"]);

        // Recovery: healthy traffic only; the 10 s window drains and the alert resolves.
        const healed = await fetch(`${api.url}/debug/chaos`, {
          method: "PUT",
          headers: { "content-type": "application/json", authorization: `Bearer ${CHAOS_TOKEN}` },
          body: JSON.stringify({ error_rate: 0 }),
        });
        expect(healed.status).toBe(200);
        const healthyFrom = traffic.statuses.length;
        await waitUntil(() => onSlack().length >= 2, 30_000, "the resolution on Slack");
        await sleep(1000); // a duplicate would show up by now: deliveries poll every 25 ms
        expect(onSlack().map(status)).toEqual(["firing", "resolved"]);
        expect(onSlack()[1]?.body).toContain(alert.fingerprint);
        expect(escalated()).toEqual([]);
        expect(traffic.statuses.slice(healthyFrom + 1).every((code) => code === 200)).toBe(true);
        const stored = (await (await fetch(`${worker.url}/alerts/${alert.fingerprint}`)).json()) as {
          alert?: WorkerAlert;
          state?: string;
        };
        expect(stored.state ?? stored.alert?.state).toBe("resolved");

        // The worker that accepted the alert records both outcomes, whichever process sent them.
        const outbox = async () =>
          JSON.stringify(((await (await fetch(`${worker.url}/queue`)).json()) as { outbox?: unknown }).outbox);
        const settled = JSON.stringify({ pending: 0, in_flight: 0, delivered: 2, dead: 0 });
        await waitUntil(async () => (await outbox()) === settled, 5_000, "both deliveries recorded by worker A");
        // Whichever process consumed them, the processes together sent each Slack message once.
        const sent = (receiver: string) => workers.reduce((sum, each) => sum + sentBy(each.output(), receiver), 0);
        if (workers.length > 1) {
          expect(sent("team-slack")).toBe(2);
          expect(sent("oncall-slack")).toBe(0);
          const queue = (await (await fetch(`${workers[1]?.url}/queue`)).json()) as { jobs: Record<string, number> };
          expect(queue.jobs).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0, completed: probes + 2 });
        }
      } finally {
        await traffic.stop();
      }
    }, 90_000);
  },
);
