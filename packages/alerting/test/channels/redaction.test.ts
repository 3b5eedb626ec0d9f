import { secretsCorpus } from "@periscope/redact/testing";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlert } from "../../src/alerts/alert.js";
import { createEmailChannel } from "../../src/channels/email.js";
import { createPagerDutyChannel } from "../../src/channels/pagerduty.js";
import { createSlackChannel } from "../../src/channels/slack.js";
import type { Channel } from "../../src/channels/types.js";
import { createWebhookChannel } from "../../src/channels/webhook.js";
import { type Listener, startListener } from "./listener.js";
import { type SmtpListener, startSmtp } from "./smtp-listener.js";

// Each secret rides in the places a template shows: summary (title), description (body), value,
// a custom annotation and the runbook link.
function alertCarrying(text: string) {
  return createAlert({
    labels: { alertname: "LeakTest", service: "api", severity: "critical" },
    annotations: {
      summary: `failure: ${text}`,
      description: `details: ${text}`,
      note: text,
      runbook_url: "https://runbooks.example.com/LeakTest",
    },
    value: text,
  });
}

let http: Listener;
let smtp: SmtpListener;
beforeAll(async () => {
  http = await startListener([{ status: 200 }]);
  smtp = await startSmtp();
});
afterAll(async () => {
  await http.close();
  await smtp.close();
});

describe("secrets from the corpus arrive masked at every listener", () => {
  const cases: [string, () => Channel, () => Promise<string[]>][] = [
    ["slack", () => createSlackChannel({ webhookUrl: `${http.url}/slack` }), async () => bodies("/slack")],
    ["pagerduty", () => createPagerDutyChannel({ routingKey: "k", url: `${http.url}/pd` }), async () => bodies("/pd")],
    ["webhook", () => createWebhookChannel({ url: `${http.url}/hook`, secret: "s" }), async () => bodies("/hook")],
    [
      "email",
      () =>
        createEmailChannel({
          smtp: { host: "127.0.0.1", port: smtp.port, ignoreTLS: true },
          from: "alerts@periscope.test",
          to: "oncall@periscope.test",
        }),
      async () =>
        Promise.all(
          smtp.messages.map(async (message) => {
            const parsed = await simpleParser(message.raw);
            return [parsed.subject, parsed.text, parsed.html].join("\n");
          }),
        ),
    ],
  ];
  const bodies = (path: string) =>
    http.received.filter((request) => request.url === path).map((request) => request.body);

  it.each(cases)("%s", async (_, make, received) => {
    const channel = make();
    for (const sample of secretsCorpus) {
      const result = await channel.send(alertCarrying(sample.text));
      expect(result, sample.name).toMatchObject({ ok: true });
    }
    await channel.shutdown();
    const delivered = await received();
    expect(delivered).toHaveLength(secretsCorpus.length);
    secretsCorpus.forEach((sample, index) => {
      const text = delivered[index] ?? "";
      expect(text, sample.name).not.toContain(sample.secret);
      expect(text, sample.name).toContain("[REDACTED]");
      expect(text).toContain("LeakTest");
    });
  });
});

describe("error messages are redacted", () => {
  it("masks a secret a server echoes in its error body", async () => {
    const token = secretsCorpus.find((sample) => sample.name === "slack-bot-token");
    if (!token) throw new Error("corpus sample missing");
    const echo = await startListener([{ status: 400, body: `invalid token ${token.text}` }]);
    try {
      const result = await createWebhookChannel({ url: echo.url, secret: "s" }).send(alertCarrying("x"));
      expect(result.ok).toBe(false);
      expect(result.error).toContain("HTTP 400");
      expect(result.error).not.toContain(token.secret);
      expect(result.error).toContain("[REDACTED]");
    } finally {
      await echo.close();
    }
  });
});
