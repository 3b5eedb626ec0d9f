import { afterEach, describe, expect, it } from "vitest";
import { transition } from "../../src/alerts/lifecycle.js";
import { createPagerDutyChannel } from "../../src/channels/pagerduty.js";
import { fastRetry, sampleAlert } from "./fixtures.js";
import { type Listener, startListener } from "./listener.js";

let listener: Listener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

const accepted = { status: 202, headers: { "content-type": "application/json" }, body: '{"status":"success"}' };

describe("pagerduty channel against a real listener", () => {
  it("triggers then resolves with one dedup_key per alert", async () => {
    listener = await startListener([accepted]);
    const channel = createPagerDutyChannel({
      routingKey: "R0UT1NGKEY00000000000000000000AB",
      url: `${listener.url}/v2/enqueue`,
      retry: fastRetry,
    });
    const alert = sampleAlert();
    expect(await channel.send(alert)).toEqual({ ok: true, attempts: 1, status: 202 });
    expect(await channel.send(transition(alert, { type: "resolve" }))).toMatchObject({ ok: true });
    const [trigger, resolve] = listener.received.map((request) => JSON.parse(request.body));
    expect(listener.received[0]?.url).toBe("/v2/enqueue");
    expect(trigger).toEqual({
      routing_key: "R0UT1NGKEY00000000000000000000AB",
      event_action: "trigger",
      dedup_key: alert.fingerprint,
      payload: {
        summary: "[FIRING] HighErrorRate: api 5xx ratio above 5%",
        severity: "critical",
        source: "api",
        timestamp: "2026-03-01T10:00:00.000Z",
        component: "api",
        class: "HighErrorRate",
        custom_details: {
          description: "5xx ratio is 7.2% over 5m <for> the & api",
          value: "0.072",
          labels: alert.labels,
          annotations: alert.annotations,
        },
      },
      links: [{ href: "https://runbooks.example.com/HighErrorRate", text: "Runbook" }],
      client: "Periscope",
      client_url: "http://prometheus.local:9090/graph?g0.expr=x",
    });
    expect(resolve).toEqual({
      routing_key: "R0UT1NGKEY00000000000000000000AB",
      event_action: "resolve",
      dedup_key: alert.fingerprint,
    });
  });

  it("maps unknown severities to error and acknowledged alerts to acknowledge", async () => {
    listener = await startListener([accepted]);
    const channel = createPagerDutyChannel({ routingKey: "k", url: listener.url });
    const alert = sampleAlert();
    await channel.send({ ...alert, labels: { ...alert.labels, severity: "page" } });
    await channel.send(transition(alert, { type: "acknowledge" }));
    const [first, second] = listener.received.map((request) => JSON.parse(request.body));
    expect(first.payload.severity).toBe("error");
    expect(second.event_action).toBe("acknowledge");
  });

  it("requires a routing key", () => {
    expect(() => createPagerDutyChannel({ routingKey: "" })).toThrow(/routingKey is required/);
  });
});
