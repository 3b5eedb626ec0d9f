import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { secretsCorpus } from "@periscope/redact/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp as startWorker } from "../../apps/notification-worker/test/app-process.js";
import { startListener } from "../../apps/notification-worker/test/listener.js";
import { payload } from "../../apps/notification-worker/test/payloads.js";
import { startApp } from "../../apps/sample-api/test/app-process.js";
import { startSentryReceiver } from "../../packages/sentry/test/sentry-receiver.js";
import { startOtlpReceiver } from "../../packages/tracing/test/otlp-receiver.js";
import { recordResult } from "./results.js";
import { leaksOf } from "./support/log-scan.js";
import { otlpEnvironment } from "./support/otlp-env.js";
import { collectStdout, waitUntil } from "./support/sample-api.js";

// The redaction corpus of @periscope/redact through every entry point of both apps: none of its
// secrets may reach a log line, a span at a real OTLP listener, a Sentry envelope or a notification.

type Receiver = Awaited<ReturnType<typeof startOtlpReceiver>>;
let otlp: Receiver;
beforeAll(async () => {
  otlp = await startOtlpReceiver();
});
afterAll(async () => {
  await otlp?.close();
});

/** Each secret as sent, and percent-encoded when that differs: neither may appear downstream. */
const needles = secretsCorpus.flatMap((sample) =>
  encodeURIComponent(sample.secret) === sample.secret
    ? [sample.secret]
    : [sample.secret, encodeURIComponent(sample.secret)],
);
const spansText = () => otlp.requests.map((request) => request.body.toString("utf8")).join("\n");
const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("secrets through every entry point", () => {
  it("never reach the sample API's logs, spans or Sentry envelopes", async () => {
    const sentry = await startSentryReceiver();
    try {
      const app = await startApp({
        ...otlpEnvironment(otlp.url),
        SENTRY_DSN: sentry.dsn,
        LLM_ERROR_RATE: "0",
      });
      const stdout = collectStdout(app.child);
      const headerSamples = secretsCorpus.filter((sample) => sample.headerSafe);
      const sent = { headers: 0, query: 0, body: 0, errors: 0, logFields: 0, sentry: 0 };

      const agent = (await (
        await fetch(`${app.url}/api/v1/agents`, json({ name: "secrets-agent", capabilities: ["*"], capacity: 1000 }))
      ).json()) as { id: string };
      for (const sample of secretsCorpus) {
        const headers: Record<string, string> = sample.headerSafe ? { "x-note": sample.text } : {};
        if (sample.carrier === "header") Object.assign(headers, sample.value);
        if (sample.headerSafe) sent.headers++;
        const query = `note=${encodeURIComponent(sample.text)}&token=${encodeURIComponent(sample.secret)}`;
        sent.query++;
        // Headers and query on a 404 and on a 400 (an unknown query field).
        await fetch(`${app.url}/api/v1/tasks/no-such-task?${query}`, { headers });
        await fetch(`${app.url}/api/v1/tasks?${query}`, { headers });
        // The body: an agent named with the carrier text (a log field), a task whose payload carries it.
        await fetch(
          `${app.url}/api/v1/agents`,
          json({ name: sample.text.slice(0, 100), capabilities: ["x"], capacity: 1 }),
        );
        sent.logFields++;
        const task = (await (
          await fetch(
            `${app.url}/api/v1/tasks`,
            json({ type: "summarize", max_attempts: 1, payload: sample.value ?? { note: sample.text } }),
          )
        ).json()) as { id: string };
        sent.body++;
        // An error: the agent reports the task failed with the carrier text as the reason.
        const failed = await fetch(
          `${app.url}/api/v1/tasks/${task.id}/fail`,
          json({ agent_id: agent.id, error: sample.text }),
        );
        expect([sample.name, failed.status]).toEqual([sample.name, 200]);
        sent.errors++;
        // A 5xx that reaches Sentry, with the secret in its headers and query.
        expect((await fetch(`${app.url}/debug/sentry-test?${query}`, { headers })).status).toBe(500);
        sent.sentry++;
      }
      // Sentry's dedupe drops repeats of the same error, so one event is enough: its request data is what matters.
      await sentry.waitForEvents(1, 15_000);
      await waitUntil(
        () => otlp.spans().filter((span) => span.name === "GET /debug/sentry-test").length >= secretsCorpus.length,
        15_000,
        "the spans of every request",
      );
      // Positive controls: the carriers arrived, so an absent secret means it was redacted, not lost.
      expect(stdout()).toContain("no-such-task");
      expect(spansText()).toContain("no-such-task");
      expect(sentry.envelopes.map((envelope) => envelope.raw.toString("utf8")).join("\n")).toContain("sentry-test");

      const leaks = leaksOf(needles, {
        "sample-api log": stdout(),
        "sample-api spans": spansText(),
        "Sentry envelopes": sentry.envelopes.map((envelope) => envelope.raw.toString("utf8")).join("\n"),
      });
      expect(leaks).toEqual([]);
      const total = Object.values(sent).reduce((sum, count) => sum + count, 0);
      recordResult({
        area: "Hostile input",
        scenario: "Secrets through the sample API",
        tried: `the ${secretsCorpus.length}-sample redaction corpus in headers (${headerSamples.length}), query, JSON bodies, agent names (log fields), task failure reasons (errors) and 5xx requests to Sentry`,
        count: total,
        result: `0 of ${needles.length} secret spellings in ${stdout().split("\n").length} log lines, ${otlp.spans().length} spans, ${sentry.envelopes.length} Sentry envelopes`,
      });
    } finally {
      await sentry.close();
    }
  });

  it("never reach the worker's logs, spans or notifications through alert labels and annotations", async () => {
    const slack = await startListener();
    const directory = mkdtempSync(join(tmpdir(), "hostile-secrets-worker-"));
    const config = join(directory, "worker.yaml");
    writeFileSync(
      config,
      `receivers:
  - name: team-slack
    type: slack
    webhookUrl: ${slack.url}
  - name: incident-hook
    type: webhook
    url: ${slack.url.replace("/hook", "/incident")}
    secret: hostile-webhook-signing-secret
route:
  receiver: team-slack
  routes:
    - matchers: ['severity="critical"']
      receiver: incident-hook
      continue: true
delivery:
  maxAttempts: 2
  baseDelayMs: 10
  maxDelayMs: 40
  pollIntervalMs: 20
  timeoutMs: 3000
`,
    );
    const worker = await startWorker({
      ...otlpEnvironment(otlp.url),
      DATA_DIR: join(directory, "data"),
      WORKER_CONFIG: config,
    });
    const stdout = collectStdout(worker.child);
    const alerts = secretsCorpus.map((sample, index) => ({
      labels: {
        alertname: "SecretLeak",
        service: "api",
        severity: index % 2 ? "critical" : "warning",
        sample: sample.name,
      },
      annotations: {
        summary: sample.text,
        description: `details: ${sample.text}`,
        runbook_url: `https://runbooks.local/leak?token=${encodeURIComponent(sample.secret)}`,
      },
      fingerprint: `secret${index.toString(16).padStart(11, "0")}`,
      generatorURL: `http://prometheus.local/graph?g0.expr=up&api_key=${encodeURIComponent(sample.secret)}`,
    }));
    const response = await fetch(`${worker.url}/webhooks/alertmanager`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...payload(alerts), commonAnnotations: { note: secretsCorpus[0]?.text ?? "" } }),
    });
    expect(response.status).toBe(200);
    const settled = async () => {
      const { counts } = (await (await fetch(`${worker.url}/deliveries`)).json()) as { counts: Record<string, number> };
      return (counts.pending ?? 0) + (counts.in_flight ?? 0) === 0 && (counts.delivered ?? 0) + (counts.dead ?? 0) > 0;
    };
    await waitUntil(settled, 20_000, "every delivery to finish");
    const { counts } = (await (await fetch(`${worker.url}/deliveries`)).json()) as { counts: Record<string, number> };
    expect(counts.dead ?? 0).toBe(0);
    expect(slack.received.length).toBe(counts.delivered);
    // Positive control: the notifications carry the alerts (names and the non-secret parts of the text).
    const bodies = slack.received.map((request) => request.body).join("\n");
    expect(bodies).toContain("SecretLeak");
    expect(bodies).toContain("details: ");

    const leaks = leaksOf(needles, {
      "worker log": stdout(),
      "worker spans": spansText(),
      notifications: bodies,
    });
    expect(leaks).toEqual([]);
    recordResult({
      area: "Hostile input",
      scenario: "Secrets through the notification worker",
      tried: `the ${secretsCorpus.length}-sample corpus in alert annotations, runbook and generator URLs, to Slack and webhook receivers`,
      count: alerts.length,
      result: `0 of ${needles.length} secret spellings in ${slack.received.length} notifications, the worker's log and spans`,
    });
  });
});
