import { beforeAll, describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";
import { type Received, sleep, startSlackListener, waitUntil } from "./slack-listener.js";
import { ensureWorkerBuilt, startWorker } from "./worker-process.js";

const ESCALATION_AFTER_MS = 3000; // afterMinutes: 0.05
const WEBHOOK_TOKEN = "e2e-webhook-token";
const CHAOS_TOKEN = "e2e-chaos-token";

interface WorkerAlert {
  fingerprint: string;
  state: string;
  labels: Record<string, string>;
  startsAt: string;
  escalation?: string;
  notifiedSteps: number;
}

const workerYaml = (slackUrl: string) => `
receivers:
  - { name: team-slack, type: slack, webhookUrl: "${slackUrl}/slack" }
  - { name: oncall-slack, type: slack, webhookUrl: "${slackUrl}/escalation" }
route:
  receiver: team-slack
  routes:
    - matchers: ['alertname="HighErrorRate"']
      escalation: oncall
escalationPolicies:
  - name: oncall
    steps:
      - { afterMinutes: 0, receivers: [team-slack] }
      - { afterMinutes: 0.05, receivers: [oncall-slack] }
delivery: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200, pollIntervalMs: 25, timeoutMs: 3000 }
escalation: { intervalMs: 50 }
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

describe("alert end to end: sample API evaluator -> notification worker -> Slack", () => {
  beforeAll(() => ensureWorkerBuilt(), 180_000);

  it("fires once on an error burst, an ack stops escalation, recovery sends one resolution", async () => {
    const slack = await startSlackListener();
    const worker = await startWorker(workerYaml(slack.url), { WEBHOOK_TOKEN });
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
    } finally {
      await traffic.stop();
    }
  }, 90_000);
});
