import { describe, expect, it } from "vitest";
import { get, payload, post } from "./payloads.js";
import { fastDelivery, startWorker } from "./worker-harness.js";

const config = `
receivers:
  - name: log
    type: log
route:
  receiver: log
${fastDelivery}`;

const alertsOf = async (url: string) => (await get(`${url}/alerts`)).body.alerts as { fingerprint: string }[];

describe("POST /webhooks/alertmanager validation", () => {
  it.each([
    ["a wrong version", { ...payload([{}]), version: "3" }, "version"],
    ["a missing alertname", payload([{ labels: { service: "api" } }]), "alerts[0].labels"],
    [
      "a label value that is not a string",
      payload([{ labels: { alertname: "A", code: 5 as unknown as string } }]),
      "alerts[0].labels.code",
    ],
    ["a bad startsAt", payload([{ startsAt: "yesterday" }]), "alerts[0].startsAt"],
    ["an unknown status", payload([{ status: "pending" as "firing" }]), "alerts[0].status"],
    ["no alerts", { ...payload([{}]), alerts: [] }, "alerts"],
  ])("answers 400 naming the field for %s, and stores nothing", async (_name, body, path) => {
    const { url } = await startWorker(config);
    const response = await post(`${url}/webhooks/alertmanager`, body);
    expect(response.status).toBe(400);
    expect(String(response.body.error)).toContain(`${path}:`);
    expect(await alertsOf(url)).toEqual([]);
    expect((await get(`${url}/deliveries`)).body.deliveries).toEqual([]);
  });

  it("answers 400 to malformed JSON and to a non-JSON body", async () => {
    const { url } = await startWorker(config);
    expect((await post(`${url}/webhooks/alertmanager`, "{not json")).status).toBe(400);
    const text = await fetch(`${url}/webhooks/alertmanager`, { method: "POST", body: "hello" });
    expect(text.status).toBe(400);
    expect(await text.json()).toEqual({ error: "Content-Type must be application/json" });
    expect(await alertsOf(url)).toEqual([]);
  });

  it("refuses a body over the limit with 413", async () => {
    const { url } = await startWorker(config);
    const huge = payload([{ annotations: { description: "x".repeat(1_200_000) } }]);
    expect((await post(`${url}/webhooks/alertmanager`, huge)).status).toBe(413);
    expect(await alertsOf(url)).toEqual([]);
  });

  it("accepts a valid payload and stores the alert before answering", async () => {
    const { url } = await startWorker(config);
    const response = await post(`${url}/webhooks/alertmanager`, payload([{}]));
    expect(response).toEqual({ status: 200, body: { status: "accepted", alerts: 1, queued: 1 } });
    const [alert] = (await get(`${url}/alerts?state=firing`)).body.alerts as Record<string, unknown>[];
    expect(alert).toMatchObject({ state: "firing", labels: { alertname: "HighErrorRate" }, receivers: ["log"] });
    expect((await get(`${url}/alerts?state=resolved`)).body.alerts).toEqual([]);
    expect((await get(`${url}/alerts?state=bogus`)).status).toBe(400);
    const one = await get(`${url}/alerts/${alert?.fingerprint}`);
    expect(one.body).toMatchObject({ fingerprint: alert?.fingerprint, deliveries: [{ receiver: "log" }] });
    expect((await get(`${url}/alerts/ffffffffffffffff`)).status).toBe(404);
  });
});

describe("tokens", () => {
  it("guards the webhook with WEBHOOK_TOKEN and the write endpoints with WORKER_API_TOKEN", async () => {
    const { url } = await startWorker(config, { apiToken: "api-secret", webhookToken: "hook-secret" });
    expect((await post(`${url}/webhooks/alertmanager`, payload([{}]))).status).toBe(401);
    const wrong = { authorization: "Bearer api-secret" };
    expect((await post(`${url}/webhooks/alertmanager`, payload([{}]), wrong)).status).toBe(401);
    const hook = { authorization: "Bearer hook-secret" };
    expect((await post(`${url}/webhooks/alertmanager`, payload([{}]), hook)).status).toBe(200);

    const [alert] = await alertsOf(url);
    expect((await post(`${url}/alerts/${alert?.fingerprint}/ack`, {}, hook)).status).toBe(401);
    const api = { authorization: "Bearer api-secret" };
    const acked = await post(`${url}/alerts/${alert?.fingerprint}/ack`, { by: "ana" }, api);
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ state: "acknowledged", acknowledgedBy: "ana" });
    expect((await get(`${url}/alerts`)).status).toBe(200);
  });
});

describe("ack", () => {
  it("answers 404 for an unknown alert and 409 for a resolved one", async () => {
    const { url } = await startWorker(config);
    expect((await post(`${url}/alerts/0000000000000000/ack`, {})).status).toBe(404);
    await post(`${url}/webhooks/alertmanager`, payload([{}]));
    await post(`${url}/webhooks/alertmanager`, payload([{}], "resolved"));
    const [alert] = await alertsOf(url);
    const response = await post(`${url}/alerts/${alert?.fingerprint}/ack`, {});
    expect(response.status).toBe(409);
    expect(String(response.body.error)).toContain('"resolved"');
  });
});

describe("silences", () => {
  it("creates, lists and expires a silence, and a silenced alert queues nothing", async () => {
    const { url } = await startWorker(config);
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const bad = await post(`${url}/silences`, { matchers: ['service=~"("'], endsAt, createdBy: "ana", comment: "x" });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toContain("matchers[0]");
    const past = await post(`${url}/silences`, {
      matchers: ["service=api"],
      endsAt: "2020-01-01T00:00:00Z",
      createdBy: "ana",
      comment: "x",
    });
    expect(String(past.body.error)).toContain("endsAt: must be in the future");

    const created = await post(`${url}/silences`, {
      matchers: ['service="api"'],
      endsAt,
      createdBy: "ana",
      comment: "deploy",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: "active", createdBy: "ana", endsAt });
    const response = await post(`${url}/webhooks/alertmanager`, payload([{}]));
    expect(response.body).toMatchObject({ queued: 0 });
    expect((await alertsOf(url))[0]).toMatchObject({ state: "silenced", silencedUntil: endsAt });

    const id = String(created.body.id);
    const removed = await fetch(`${url}/silences/${id}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect((await get(`${url}/silences`)).body.silences).toMatchObject([{ id, state: "expired" }]);
    // Expiring the silence un-silences the alert, which is then owed its notification.
    expect((await alertsOf(url))[0]).toMatchObject({ state: "firing" });
    expect(((await get(`${url}/deliveries`)).body.deliveries as unknown[]).length).toBe(1);
    expect((await fetch(`${url}/silences/nope`, { method: "DELETE" })).status).toBe(404);
  });
});
