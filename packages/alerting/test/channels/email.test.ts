import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { createEmailChannel } from "../../src/channels/email.js";
import { fastRetry, sampleAlert } from "./fixtures.js";
import { type SmtpListener, startSmtp } from "./smtp-listener.js";

let smtp: SmtpListener | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const channelFor = (port: number) =>
  createEmailChannel({
    smtp: { host: "127.0.0.1", port, secure: false, ignoreTLS: true },
    from: "alerts@periscope.test",
    to: ["oncall@periscope.test", "leads@periscope.test"],
    retry: fastRetry,
    timeoutMs: 5000,
  });

describe("email channel against smtp-server", () => {
  it("sends a text and an HTML part, values escaped in HTML", async () => {
    smtp = await startSmtp();
    const channel = channelFor(smtp.port);
    const result = await channel.send(sampleAlert());
    expect(result).toMatchObject({ ok: true, attempts: 1, status: 250 });
    expect(smtp.messages).toHaveLength(1);
    const message = smtp.messages[0];
    expect(message?.from).toBe("alerts@periscope.test");
    expect(message?.to).toEqual(["oncall@periscope.test", "leads@periscope.test"]);
    const parsed = await simpleParser(message?.raw ?? "");
    expect(parsed.subject).toBe("[FIRING] HighErrorRate: api 5xx ratio above 5%");
    expect(parsed.text).toContain("5xx ratio is 7.2% over 5m <for> the & api");
    expect(parsed.text).toContain("Value: 0.072");
    expect(parsed.text).toContain("Runbook: https://runbooks.example.com/HighErrorRate");
    expect(parsed.html).toContain("5xx ratio is 7.2% over 5m &lt;for&gt; the &amp; api");
    expect(parsed.html).toContain('<a href="https://runbooks.example.com/HighErrorRate">Runbook</a>');
    expect(parsed.html).not.toContain("<for>");
    await channel.shutdown();
    await channel.shutdown();
  });

  it("retries a transient 451 and not a permanent 550", async () => {
    smtp = await startSmtp({ code: 451, times: 1 });
    expect(await channelFor(smtp.port).send(sampleAlert())).toMatchObject({ ok: true, attempts: 2 });
    await smtp.close();
    smtp = await startSmtp({ code: 550, times: 5 });
    const result = await channelFor(smtp.port).send(sampleAlert());
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 550, retryable: false });
    expect(smtp.messages).toHaveLength(0);
  });

  it("retries a refused connection, then reports it", async () => {
    const closed = await startSmtp();
    const { port } = closed;
    await closed.close();
    const result = await channelFor(port).send(sampleAlert());
    expect(result).toMatchObject({ ok: false, attempts: 3, retryable: true });
  });

  it("validates its options", () => {
    expect(() => createEmailChannel({ smtp: { host: "", port: 25 }, from: "a@b", to: "c@d" })).toThrow(/smtp.host/);
    expect(() => createEmailChannel({ smtp: { host: "h", port: 0 }, from: "a@b", to: "c@d" })).toThrow(/smtp.port/);
    expect(() => createEmailChannel({ smtp: { host: "h", port: 25 }, from: "a@b", to: [] })).toThrow(/to must be/);
  });
});
