import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../packages/profiling/test/browser.js";
import { type App, startApp } from "./app-process.js";
import { pngStats } from "./console-png.js";
import { type Listener, sleep, startListener } from "./listener.js";
import { get, payload, post } from "./payloads.js";

const TOKEN = "browser-test-token-4f9a2c";
const STEP_MINUTES = 0.4; // the second escalation step falls due 24 s after an alert starts
const docs = fileURLToPath(new URL("../docs/", import.meta.url));

let browser: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  browser = await launchChromium({ width: 1200, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

async function startConsoleWorker(slack: Listener, pager: Listener): Promise<App> {
  const directory = mkdtempSync(join(tmpdir(), "notification-worker-console-"));
  const configPath = join(directory, "worker.yaml");
  writeFileSync(
    configPath,
    `receivers:
  - { name: team-slack, type: webhook, url: "${slack.url}", secret: s }
  - { name: pager, type: webhook, url: "${pager.url}", secret: s }
route:
  receiver: team-slack
  groupBy: [alertname, service]
  routes:
    - { matchers: ['severity="critical"'], escalation: oncall }
escalationPolicies:
  - name: oncall
    steps:
      - { afterMinutes: 0, receivers: [team-slack] }
      - { afterMinutes: ${STEP_MINUTES}, receivers: [pager] }
delivery: { pollIntervalMs: 20, baseDelayMs: 10, maxDelayMs: 40 }
escalation: { intervalMs: 100 }
`,
  );
  return startApp({
    DATA_DIR: join(directory, "data"),
    WORKER_CONFIG: configPath,
    WORKER_API_TOKEN: TOKEN,
    LOG_FORMAT: "json",
    HEALTH_DRAIN_DELAY_MS: "0",
  });
}

const alertnames = (listener: Listener) =>
  listener.received.map((request) => JSON.parse(request.body).labels.alertname);

describe("the on-call console in Chromium", () => {
  it("shows a new alert live, acknowledges it by clicking, stops its escalation, and runs no injected script", async () => {
    const slack = await startListener();
    const pager = await startListener();
    const app = await startConsoleWorker(slack, pager);
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));

    await page.goto(app.url);
    await page.getByText("No alerts match these filters.").waitFor();
    await page.locator("#live-status", { hasText: /^Live/ }).waitFor();
    await page.evaluate("window.__sameDocument = true");

    // Arrives while the page is open: it appears without a reload.
    const startsAt = new Date();
    const checkout = {
      labels: { alertname: "CheckoutErrors", service: "checkout", severity: "critical" },
      annotations: { summary: "checkout 5xx ratio above 5%", runbook_url: "https://runbooks.example/checkout" },
      startsAt: startsAt.toISOString(),
    };
    expect((await post(`${app.url}/webhooks/alertmanager`, payload([checkout]))).status).toBe(200);
    await page.locator(".alert", { hasText: "CheckoutErrors" }).waitFor({ timeout: 10_000 });
    // A control that escalates (it started long ago), and one whose text tries to run script.
    const ignored = {
      labels: { alertname: "QueueBacklog", service: "billing", severity: "critical" },
      annotations: { summary: "billing queue older than 10 minutes" },
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    };
    const injected = {
      labels: { alertname: "Injected", service: "web", severity: "warning" },
      annotations: { summary: "<script>alert(1)</script> <img src=x onerror=alert(1)>" },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
    };
    expect((await post(`${app.url}/webhooks/alertmanager`, payload([ignored, injected]))).status).toBe(200);
    const injectedSummary = page.locator(".alert", { hasText: "Injected" }).locator(".summary");
    await injectedSummary.waitFor();
    expect(await injectedSummary.textContent()).toBe("<script>alert(1)</script> <img src=x onerror=alert(1)>");
    expect(await page.locator("#alert-list img").count()).toBe(0);
    expect(await page.evaluate("window.__sameDocument")).toBe(true);
    await page.locator(".alert", { hasText: "QueueBacklog" }).waitFor();
    mkdirSync(docs, { recursive: true });
    const listShot = await page.screenshot({ path: join(docs, "console-list.png"), fullPage: true });

    await page.getByRole("link", { name: "CheckoutErrors" }).click();
    await page.getByRole("link", { name: "Log in" }).first().click();
    await page.getByLabel("Your name").fill("ana");
    await page.getByLabel("Worker API token").fill(TOKEN);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: /CheckoutErrors/ }).waitFor();
    expect(await page.locator("#alert-state").textContent()).toBe("firing");
    expect(await page.locator("#silence-preview").textContent()).toContain("Would mute 1 active alert");
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await page.getByText("Acknowledged: escalation stopped.").waitFor();
    expect(await page.locator("#alert-state").textContent()).toBe("acknowledged");
    expect(await page.locator("#alert-escalation").textContent()).toContain("stopped (acknowledged)");
    expect(await page.locator("#alert-timeline").textContent()).toContain("Acknowledged by ana");
    const alertShot = await page.screenshot({ path: join(docs, "console-alert.png"), fullPage: true });

    const fingerprint = page.url().split("/").pop()?.split("?")[0];
    const stored = (await get(`${app.url}/alerts/${fingerprint}`)).body;
    const dueAt = startsAt.getTime() + STEP_MINUTES * 60_000;
    expect(Date.parse(String(stored.acknowledgedAt)), "acknowledged before the second step fell due").toBeLessThan(
      dueAt,
    );

    // Phone width: nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(app.url);
    await page.locator(".alert", { hasText: "CheckoutErrors" }).waitFor();
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    const phoneShot = await page.screenshot({ path: join(docs, "console-phone.png"), fullPage: true });

    // Past the second step (with margin for the 100 ms escalation pass): the control was paged, the acked one not.
    await sleep(Math.max(0, dueAt - Date.now()) + 2000);
    expect(alertnames(pager)).toEqual(["QueueBacklog"]);
    expect((await get(`${app.url}/alerts/${fingerprint}`)).body).toMatchObject({
      state: "acknowledged",
      notifiedSteps: 1,
    });
    expect(alertnames(slack).sort()).toEqual(["CheckoutErrors", "Injected", "QueueBacklog"]);

    for (const [shot, width] of [
      [listShot, 1200],
      [alertShot, 1200],
      [phoneShot, 375],
    ] as const) {
      const stats = pngStats(shot);
      expect(stats.width).toBe(width);
      expect(stats.height).toBeGreaterThan(300);
      expect(stats.colours, "a screenshot with text and badges has many colours").toBeGreaterThan(50);
    }
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(app.output()).not.toContain(TOKEN);
    await page.close();
  }, 90_000);
});
