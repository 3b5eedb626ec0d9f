import { verifyWebhookSignature } from "@periscope/alerting/channels";
import { describe, expect, it } from "vitest";
import { type Listener, sleep, startListener, waitUntil } from "./listener.js";
import { get, payload, post } from "./payloads.js";
import { fastDelivery, startWorker } from "./worker-harness.js";

const slackConfig = (slack: Listener) => `
receivers:
  - name: team-slack
    type: slack
    webhookUrl: ${slack.url}
route:
  receiver: team-slack
${fastDelivery}`;

const slackTexts = (slack: Listener) => slack.received.map((request) => JSON.parse(request.body).text as string);

describe("delivery to a Slack stand-in", () => {
  it("sends one message per alert and status, however often the webhook repeats", async () => {
    const slack = await startListener();
    const { url } = await startWorker(slackConfig(slack));
    const firing = payload([{}, { labels: { alertname: "DiskFull", service: "db", severity: "warning" } }]);
    expect((await post(`${url}/webhooks/alertmanager`, firing)).body).toMatchObject({ queued: 2 });
    expect((await post(`${url}/webhooks/alertmanager`, firing)).body).toMatchObject({ queued: 0 });
    await slack.waitFor(2);
    await sleep(200);
    expect(slackTexts(slack).sort()).toEqual([
      expect.stringMatching(/^\[FIRING\] DiskFull/),
      expect.stringMatching(/^\[FIRING\] HighErrorRate/),
    ]);

    const resolved = payload([{}], "resolved");
    expect((await post(`${url}/webhooks/alertmanager`, resolved)).body).toMatchObject({ queued: 1 });
    expect((await post(`${url}/webhooks/alertmanager`, resolved)).body).toMatchObject({ queued: 0 });
    await slack.waitFor(3);
    await sleep(200);
    expect(slack.received).toHaveLength(3);
    expect(slackTexts(slack)[2]).toMatch(/^\[RESOLVED\] HighErrorRate/);
    // The firing payload coming back after the resolution (Alertmanager retries out of order) changes nothing.
    expect((await post(`${url}/webhooks/alertmanager`, firing)).body).toMatchObject({ queued: 0 });

    const [delivered] = (await get(`${url}/deliveries?state=delivered&limit=1`)).body.deliveries as Record<
      string,
      unknown
    >[];
    expect(delivered).toMatchObject({ status: "resolved", attempts: 1, receiver: "team-slack" });
  });

  it("inhibits a warning while a critical alert of the same service fires", async () => {
    const slack = await startListener();
    const { url } = await startWorker(slackConfig(slack));
    await post(
      `${url}/webhooks/alertmanager`,
      payload([{}, { labels: { alertname: "HighErrorRate", service: "api", severity: "warning" } }]),
    );
    await slack.waitFor(1);
    await sleep(200);
    expect(slackTexts(slack)).toHaveLength(1);
    const alerts = (await get(`${url}/alerts`)).body.alerts as {
      labels: Record<string, string>;
      inhibitedBy: string | null;
    }[];
    expect(alerts.find((alert) => alert.labels.severity === "warning")?.inhibitedBy).toMatch(/^[0-9a-f]{16}$/);
  });

  it("dead-letters after maxAttempts against a listener answering 500, visible in the API and metrics", async () => {
    const slack = await startListener({ status: () => 500 });
    const { url } = await startWorker(slackConfig(slack));
    await post(`${url}/webhooks/alertmanager`, payload([{}]));
    await waitUntil(
      async () => ((await get(`${url}/deliveries?state=dead`)).body.deliveries as unknown[]).length === 1,
      5000,
      "a dead letter",
    );
    await sleep(150);
    expect(slack.received).toHaveLength(3);
    const [dead] = (await get(`${url}/deliveries?state=dead`)).body.deliveries as Record<string, unknown>[];
    expect(dead).toMatchObject({ attempts: 3, state: "dead", lastError: expect.stringContaining("HTTP 500") });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('notification_dead_letters_total{channel="team-slack"} 1');
    expect(metrics).toContain('notification_deliveries_total{channel="team-slack",result="retried"} 2');
    expect(metrics).toContain('notification_deliveries_total{channel="team-slack",result="dead_lettered"} 1');
  });

  it("recovers when the receiver comes back before the last attempt", async () => {
    let calls = 0;
    const slack = await startListener({ status: () => (++calls === 1 ? 503 : 200) });
    const { url } = await startWorker(slackConfig(slack));
    await post(`${url}/webhooks/alertmanager`, payload([{}]));
    await waitUntil(
      async () => ((await get(`${url}/deliveries?state=delivered`)).body.deliveries as unknown[]).length === 1,
      5000,
      "delivery",
    );
    expect(slack.received).toHaveLength(2);
  });

  it("sends the idempotency key to a webhook receiver in a signed request", async () => {
    const hook = await startListener();
    const { url } = await startWorker(`
receivers:
  - name: incident-tool
    type: webhook
    url: ${hook.url}
    secret: s3cret
    headers:
      Authorization: Bearer receiver-token
route:
  receiver: incident-tool
${fastDelivery}`);
    await post(`${url}/webhooks/alertmanager`, payload([{}]));
    await hook.waitFor(1);
    const [request] = hook.received;
    const fingerprint = JSON.parse(request?.body ?? "{}").fingerprint;
    expect(request?.headers["idempotency-key"]).toBe(`${fingerprint}:firing:2026-01-01T00:00:00.000Z:incident-tool`);
    expect(request?.headers.authorization).toBe("Bearer receiver-token");
    expect(verifyWebhookSignature("s3cret", request?.headers ?? {}, request?.body ?? "").ok).toBe(true);
  });

  it("writes to the log with the log receiver", async () => {
    const { url, logs } = await startWorker(
      `receivers: [{ name: log, type: log }]\nroute: { receiver: log }\n${fastDelivery}`,
    );
    await post(`${url}/webhooks/alertmanager`, payload([{}]));
    await waitUntil(() => logs.some((line) => line.includes("alert firing: HighErrorRate")), 3000, "the log line");
  });
});
