import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";

const freshDirectory = () => mkdtempSync(join(tmpdir(), "notification-worker-start-"));

describe("pnpm start", () => {
  it("starts with no config on the built-in log receiver, says so, and answers health", async () => {
    const app = await startApp({ DATA_DIR: freshDirectory(), HEALTH_DRAIN_DELAY_MS: "0" });
    expect(app.output()).toContain("no WORKER_CONFIG set: using the built-in default (log receiver)");
    expect((await fetch(`${app.url}/health/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain("notification_dead_letters_total");
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain("shutdown: delivery loop stopped, database closed");
  });

  it("refuses to start on a config with an error, naming the line", async () => {
    const directory = freshDirectory();
    const configPath = join(directory, "worker.yaml");
    writeFileSync(configPath, "receivers:\n  - name: log\n    type: log\nroute:\n  receiver: nobody\n");
    const failure = startApp({ DATA_DIR: directory, WORKER_CONFIG: configPath });
    await expect(failure).rejects.toThrow("notification-worker exited with 1");
    await expect(failure).rejects.toThrow(`${configPath}:5: route.receiver: unknown receiver \\"nobody\\"`);
  });
});
