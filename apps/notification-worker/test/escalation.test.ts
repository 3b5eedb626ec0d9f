import { describe, expect, it } from "vitest";
import { sleep, startListener } from "./listener.js";
import { get, payload, post } from "./payloads.js";
import { fastDelivery, startWorker } from "./worker-harness.js";

describe("escalation", () => {
  it("pages the next step of an unacknowledged alert, and an ack stops it", async () => {
    const slack = await startListener();
    const pager = await startListener();
    const { url } = await startWorker(`
receivers:
  - { name: team-slack, type: slack, webhookUrl: "${slack.url}" }
  - { name: pager, type: webhook, url: "${pager.url}", secret: s }
route:
  receiver: team-slack
  routes:
    - matchers: ['severity="critical"']
      escalation: oncall
escalationPolicies:
  - name: oncall
    steps:
      - { afterMinutes: 0, receivers: [team-slack] }
      - { afterMinutes: 0.05, receivers: [pager] }
${fastDelivery}`);
    // Step 1 comes 3 s after the alert: time for the ack below even on a loaded CI host (0.6 s was not).
    const now = new Date().toISOString();
    const acked = { labels: { alertname: "Acked", service: "api", severity: "critical" }, startsAt: now };
    const ignored = { labels: { alertname: "Ignored", service: "web", severity: "critical" }, startsAt: now };
    await post(`${url}/webhooks/alertmanager`, payload([acked, ignored]));
    const alerts = (await get(`${url}/alerts`)).body.alerts as { fingerprint: string; labels: { alertname: string } }[];
    const fingerprint = alerts.find((alert) => alert.labels.alertname === "Acked")?.fingerprint;
    expect((await post(`${url}/alerts/${fingerprint}/ack`, { by: "ana" })).status).toBe(200);

    await slack.waitFor(2);
    await pager.waitFor(1);
    await sleep(900);
    // Step 0 told Slack about both once; step 1 (after 3 s) paged only the unacknowledged one.
    expect(slack.received).toHaveLength(2);
    expect(pager.received.map((request) => JSON.parse(request.body).labels.alertname)).toEqual(["Ignored"]);
    const ignoredAlert = (await get(`${url}/alerts?state=firing`)).body.alerts as Record<string, unknown>[];
    expect(ignoredAlert).toMatchObject([{ notifiedSteps: 2, escalation: "oncall" }]);

    // Resolution: one message to each receiver told of the firing.
    await post(`${url}/webhooks/alertmanager`, payload([{ ...ignored, endsAt: new Date().toISOString() }], "resolved"));
    await pager.waitFor(2);
    await slack.waitFor(3);
    await sleep(200);
    expect(JSON.parse(pager.received[1]?.body ?? "{}").status).toBe("resolved");
    expect(slack.received).toHaveLength(3);
  });
});
