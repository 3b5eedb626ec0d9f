import { describe, expect, it } from "vitest";
import { startListener, waitUntil } from "./listener.js";
import { get, payload, post } from "./payloads.js";
import { fastDelivery, startWorker } from "./worker-harness.js";

const TOKEN = "console-test-token-0123456789";
const config = (hookUrl: string) => `
receivers:
  - { name: hook, type: webhook, url: "${hookUrl}", secret: s }
route:
  receiver: hook
  groupBy: [alertname, service]
${fastDelivery}`;

const xss = {
  labels: { alertname: "Injected", service: "web", severity: "warning" },
  annotations: {
    summary: "<script>alert(1)</script> and <img src=x onerror=alert(1)>",
    runbook_url: "javascript:alert(1)",
  },
};

/** A form post from the console's own origin, with the session cookie if given. */
async function submit(url: string, path: string, fields: Record<string, string>, cookie = "", origin = url) {
  return fetch(`${url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin, cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

async function logIn(url: string, token = TOKEN) {
  const response = await submit(url, "/console/login", { name: "ana", token, next: "/" });
  const setCookie = response.headers.get("set-cookie") ?? "";
  return { response, setCookie, cookie: setCookie.split(";")[0] ?? "" };
}

async function page(url: string, path: string, cookie = "") {
  const response = await fetch(`${url}${path}`, { headers: { cookie } });
  return { response, text: await response.text() };
}

const csrfOf = (text: string) => /name="csrf" value="([^"]+)"/.exec(text)?.[1] ?? "";

describe("console pages", () => {
  it("lists alerts grouped, newest first, escaped, under a strict CSP, with working filters", async () => {
    const hook = await startListener();
    const { url } = await startWorker(config(hook.url));
    const older = {
      labels: { alertname: "DiskFull", service: "db", severity: "critical" },
      startsAt: "2026-01-01T00:00:00Z",
    };
    const newer = { ...xss, startsAt: "2026-01-02T00:00:00Z" };
    expect((await post(`${url}/webhooks/alertmanager`, payload([older, newer]))).status).toBe(200);
    const { response, text } = await page(url, "/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(text).toContain('<meta name="viewport"');
    expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;");
    expect(text).not.toContain("<script>alert");
    expect(text).not.toContain("<img");
    expect(text).not.toContain("javascript:");
    // Only the console's own script, loaded from the worker.
    expect(text.match(/<script\b[^>]*>/g)).toEqual(['<script src="/console/assets/console.js?v=1" defer>']);
    expect(text.indexOf("Injected")).toBeLessThan(text.indexOf("DiskFull"));
    expect(text).toContain('<code>alertname="DiskFull"</code> <code>service="db"</code>');
    const filtered = await page(url, "/?severity=critical&state=firing");
    expect(filtered.text).toContain("DiskFull");
    expect(filtered.text).not.toContain(">Injected<");
    const fragment = await page(url, "/console/list?service=web");
    expect(fragment.text).toContain("Injected");
    expect(fragment.text).not.toContain("DiskFull");
    const script = await fetch(`${url}/console/assets/console.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect(await script.text()).toContain("EventSource");
  });

  it("shows an alert's labels, annotations, deliveries and timeline, and 404s an unknown one", async () => {
    const hook = await startListener();
    const { url } = await startWorker(config(hook.url));
    await post(`${url}/webhooks/alertmanager`, payload([xss]));
    const [alert] = (await get(`${url}/alerts`)).body.alerts as { fingerprint: string }[];
    await hook.waitFor(1);
    await waitUntil(
      async () => JSON.stringify((await get(`${url}/alerts/${alert?.fingerprint}`)).body.timeline).includes("attempt"),
      5000,
      "the attempt on the timeline",
    );
    const { text } = await page(url, `/console/alerts/${alert?.fingerprint}`);
    expect(text).toContain("<dt>severity</dt><dd>warning</dd>");
    expect(text).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(text).toContain("Received, firing since 2026-01-01T00:00:00.000Z");
    expect(text).toContain("firing notification to hook (webhook), attempt 1: delivered");
    expect(text).toContain("Log in</a> to acknowledge");
    expect(text).not.toContain('name="csrf"');
    expect((await page(url, "/console/alerts/ffffffffffffffff")).response.status).toBe(404);
  });
});

describe("console sign-in and actions", () => {
  it("trades the token for an HttpOnly SameSite=Strict session, and never logs the token", async () => {
    const hook = await startListener();
    const { url, logs } = await startWorker(config(hook.url), { apiToken: TOKEN });
    const wrong = await logIn(url, "not-the-token");
    expect(wrong.response.status).toBe(401);
    expect(wrong.setCookie).toBe("");
    const crossSite = await submit(url, "/console/login", { name: "x", token: TOKEN }, "", "http://evil.example");
    expect(crossSite.status).toBe(403);
    const { response, setCookie, cookie } = await logIn(url);
    expect(response.status).toBe(303);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    const list = await page(url, "/", cookie);
    expect(list.text).toContain("Signed in as ana");
    expect(logs.join("")).toContain("console: refused a login");
    expect(logs.join("")).not.toContain(TOKEN);
    expect(logs.join("")).not.toContain("not-the-token");
  });

  it("acknowledges only with a session, its CSRF token and the same origin, and records it", async () => {
    const hook = await startListener();
    const { url } = await startWorker(config(hook.url), { apiToken: TOKEN });
    await post(`${url}/webhooks/alertmanager`, payload([{}]));
    const [alert] = (await get(`${url}/alerts`)).body.alerts as { fingerprint: string }[];
    const path = `/console/alerts/${alert?.fingerprint}`;
    const { cookie } = await logIn(url);
    const csrf = csrfOf((await page(url, path, cookie)).text);
    expect(csrf).toMatch(/^[\w-]{40,}$/);
    expect((await submit(url, `${path}/ack`, { csrf })).status).toBe(401);
    expect((await submit(url, `${path}/ack`, { csrf: "forged" }, cookie)).status).toBe(403);
    expect((await submit(url, `${path}/ack`, { csrf }, cookie, "http://evil.example")).status).toBe(403);
    expect((await get(`${url}/alerts/${alert?.fingerprint}`)).body.state).toBe("firing");
    const done = await submit(url, `${path}/ack`, { csrf }, cookie);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${path}?done=ack`);
    const stored = (await get(`${url}/alerts/${alert?.fingerprint}`)).body;
    expect(stored).toMatchObject({ state: "acknowledged", acknowledgedBy: "ana" });
    expect(stored.timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "acknowledged", detail: { by: "ana" } })]),
    );
    const after = (await page(url, `${path}?done=ack`, cookie)).text;
    expect(after).toContain("Acknowledged: escalation stopped.");
    expect(after).not.toContain('id="ack-button"');
    // Logged out, the same cookie and token no longer act.
    expect((await submit(url, "/console/logout", { csrf }, cookie)).status).toBe(303);
    expect((await submit(url, `${path}/ack`, { csrf }, cookie)).status).toBe(401);
  });

  it("silences for a chosen time, previewing what the matchers mute", async () => {
    const hook = await startListener();
    const { url } = await startWorker(config(hook.url), { apiToken: TOKEN });
    const api = { labels: { alertname: "Slow", service: "api", severity: "warning" } };
    const web = { labels: { alertname: "Slow", service: "web", severity: "warning" } };
    await post(`${url}/webhooks/alertmanager`, payload([api, web]));
    const preview = await get(
      `${url}/silences/preview?matcher=${encodeURIComponent('alertname="Slow"')}&matcher=service=api`,
    );
    expect((preview.body.alerts as { labels: { service: string } }[]).map((alert) => alert.labels.service)).toEqual([
      "api",
    ]);
    const bad = await get(`${url}/silences/preview?matcher=${encodeURIComponent('service=~"("')}`);
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toContain("invalid regular expression");
    const alerts = (await get(`${url}/alerts`)).body.alerts as { fingerprint: string; labels: { service: string } }[];
    const target = alerts.find((alert) => alert.labels.service === "api");
    const { cookie } = await logIn(url);
    const alertPage = (await page(url, `/console/alerts/${target?.fingerprint}`, cookie)).text;
    expect(alertPage).toContain("Would mute 1 active alert:");
    const fields = {
      csrf: csrfOf(alertPage),
      fingerprint: String(target?.fingerprint),
      matchers: 'alertname="Slow"\nservice="api"',
      minutes: "60",
      comment: "deploy",
    };
    expect((await submit(url, "/console/silences", { ...fields, minutes: "7" }, cookie)).status).toBe(400);
    const before = Date.now();
    expect((await submit(url, "/console/silences", fields, cookie)).status).toBe(303);
    const [silence] = (await get(`${url}/silences`)).body.silences as { endsAt: string; createdBy: string }[];
    expect(silence?.createdBy).toBe("ana");
    const endsAt = Date.parse(String(silence?.endsAt));
    expect(endsAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(endsAt).toBeLessThan(Date.now() + 3_600_000 + 1000);
    expect((await get(`${url}/alerts/${target?.fingerprint}`)).body.state).toBe("silenced");
    const other = alerts.find((alert) => alert.labels.service === "web");
    expect((await get(`${url}/alerts/${other?.fingerprint}`)).body.state).toBe("firing");
  });

  it("retries a dead letter from the JSON API and from the console", async () => {
    let refuse = true;
    const hook = await startListener({ status: () => (refuse ? 400 : 200) });
    const { url } = await startWorker(config(hook.url), { apiToken: TOKEN });
    const bearer = { authorization: `Bearer ${TOKEN}` };
    await post(`${url}/webhooks/alertmanager`, payload([{}]));
    const dead = async () =>
      (await get(`${url}/deliveries?state=dead`)).body.deliveries as { id: number; fingerprint: string }[];
    await waitUntil(async () => (await dead()).length === 1, 5000, "the dead letter");
    const [letter] = await dead();
    expect((await post(`${url}/deliveries/${letter?.id}/retry`, {})).status).toBe(401);
    const notJson = await fetch(`${url}/deliveries/${letter?.id}/retry`, { method: "POST", headers: bearer });
    expect(notJson.status).toBe(415);
    expect((await post(`${url}/deliveries/999999/retry`, {}, bearer)).status).toBe(404);
    const retried = await post(`${url}/deliveries/${letter?.id}/retry`, { by: "bob" }, bearer);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: letter?.id, attempts: 0 });
    await hook.waitFor(2);
    await waitUntil(async () => (await dead()).length === 1, 5000, "dead again");
    // From the console: the row's Retry button, and this time the receiver accepts.
    refuse = false;
    const { cookie } = await logIn(url);
    const csrf = csrfOf((await page(url, `/console/alerts/${letter?.fingerprint}`, cookie)).text);
    const response = await submit(url, `/console/deliveries/${letter?.id}/retry`, { csrf }, cookie);
    expect(response.status).toBe(303);
    await hook.waitFor(3);
    const delivered = async () => (await get(`${url}/deliveries?state=delivered`)).body.deliveries as unknown[];
    await waitUntil(async () => (await delivered()).length === 1, 5000, "delivered");
    expect((await post(`${url}/deliveries/${letter?.id}/retry`, {}, bearer)).status).toBe(409);
    const timeline = (await get(`${url}/alerts/${letter?.fingerprint}/timeline`)).body.events as {
      kind: string;
      detail: Record<string, unknown>;
    }[];
    const kinds = timeline.map((event) => event.kind);
    expect(kinds.filter((kind) => kind === "dead_lettered")).toHaveLength(2);
    expect(timeline.filter((event) => event.kind === "retry_requested").map((event) => event.detail.by)).toEqual([
      "bob",
      "ana",
    ]);
    expect(kinds.at(-1)).toBe("attempt");
    expect(timeline.at(-1)?.detail).toMatchObject({ result: "delivered", channel: "webhook", receiver: "hook" });
  });

  it("without WORKER_API_TOKEN, a cross-site form cannot ack through the JSON API", async () => {
    const hook = await startListener();
    const { url } = await startWorker(config(hook.url));
    await post(`${url}/webhooks/alertmanager`, payload([{}]));
    const [alert] = (await get(`${url}/alerts`)).body.alerts as { fingerprint: string }[];
    const contentTypes: Record<string, string>[] = [
      { "content-type": "text/plain" },
      { "content-type": "application/x-www-form-urlencoded" },
      {},
    ];
    for (const headers of contentTypes) {
      const response = await fetch(`${url}/alerts/${alert?.fingerprint}/ack`, {
        method: "POST",
        headers,
        body: "by=eve",
      });
      expect(response.status).toBe(415);
    }
    expect((await get(`${url}/alerts/${alert?.fingerprint}`)).body.state).toBe("firing");
  });

  it("without WORKER_API_TOKEN, gives sessions to loopback clients only", async () => {
    const hook = await startListener();
    const { url } = await startWorker(config(hook.url));
    const loginPage = await page(url, "/console/login");
    expect(loginPage.text).toContain("No WORKER_API_TOKEN is set");
    expect(loginPage.text).not.toContain('name="token"');
    const { response, cookie } = await logIn(url, "");
    expect(response.status).toBe(303);
    expect((await page(url, "/", cookie)).text).toContain("Signed in as ana");
  });
});

describe("live updates", () => {
  it("sends a change event on the stream when an alert arrives", async () => {
    const hook = await startListener();
    const { url } = await startWorker(config(hook.url));
    const controller = new AbortController();
    const response = await fetch(`${url}/console/events`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = "";
    const changed = (async () => {
      while (!received.includes("event: change")) {
        const { value, done } = await reader.read();
        if (done) break;
        received += new TextDecoder().decode(value);
      }
    })();
    await post(`${url}/webhooks/alertmanager`, payload([{}]));
    await Promise.race([changed, new Promise((_, reject) => setTimeout(() => reject(new Error(received)), 5000))]);
    expect(received).toContain("event: change");
    controller.abort();
  });
});
