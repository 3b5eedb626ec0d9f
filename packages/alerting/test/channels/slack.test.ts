import { afterEach, describe, expect, it } from "vitest";
import { transition } from "../../src/alerts/lifecycle.js";
import { createSlackChannel } from "../../src/channels/slack.js";
import { fastRetry, sampleAlert } from "./fixtures.js";
import { type Listener, startListener } from "./listener.js";

let listener: Listener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

describe("slack channel against a real listener", () => {
  it("posts Block Kit blocks with a fallback text, values escaped for mrkdwn", async () => {
    listener = await startListener([{ status: 200, body: "ok" }]);
    const channel = createSlackChannel({ webhookUrl: `${listener.url}/services/T0/B0/xyz`, retry: fastRetry });
    const result = await channel.send(sampleAlert());
    expect(result).toEqual({ ok: true, attempts: 1, status: 200 });
    const [request] = listener.received;
    expect(request?.url).toBe("/services/T0/B0/xyz");
    expect(request?.headers["content-type"]).toBe("application/json");
    const message = JSON.parse(request?.body ?? "{}");
    expect(message.text).toBe(
      "[FIRING] HighErrorRate: api 5xx ratio above 5% — Runbook: https://runbooks.example.com/HighErrorRate",
    );
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "[FIRING] HighErrorRate: api 5xx ratio above 5%" },
    });
    expect(message.blocks[1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "5xx ratio is 7.2% over 5m &lt;for&gt; the &amp; api" },
    });
    expect(message.blocks[2].fields).toContainEqual({ type: "mrkdwn", text: "*Value*\n0.072" });
    expect(message.blocks[3].elements[0].text).toContain("<https://runbooks.example.com/HighErrorRate|Runbook>");
    await channel.shutdown();
  });

  it("says RESOLVED for a resolved alert", async () => {
    listener = await startListener();
    const channel = createSlackChannel({ webhookUrl: listener.url });
    await channel.send(transition(sampleAlert(), { type: "resolve" }));
    expect(JSON.parse(listener.received[0]?.body ?? "{}").blocks[0].text.text).toMatch(/^\[RESOLVED\]/);
  });

  it("returns a failed result after shutdown and never throws", async () => {
    listener = await startListener();
    const channel = createSlackChannel({ webhookUrl: listener.url });
    await channel.shutdown();
    await channel.shutdown();
    expect(await channel.send(sampleAlert())).toMatchObject({ ok: false, attempts: 0 });
    expect(await channel.send(null as never)).toMatchObject({ ok: false, attempts: 0 });
    expect(listener.received).toHaveLength(0);
  });

  it("validates its options", () => {
    expect(() => createSlackChannel({} as never)).toThrow(/webhookUrl is required/);
    expect(() => createSlackChannel({ webhookUrl: "ftp://x" })).toThrow(/http\(s\)/);
    expect(() => createSlackChannel({ webhookUrl: "http://x", timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
