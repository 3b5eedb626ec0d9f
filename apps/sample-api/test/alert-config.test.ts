import { describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";

describe("alert and chaos settings at start", () => {
  it("runs no evaluator without ALERT_WEBHOOK_URL and mounts no chaos route without CHAOS_TOKEN", async () => {
    const app = await startApp({ ALERT_WEBHOOK_URL: "", CHAOS_TOKEN: "" });
    expect(app.output()).not.toContain("alert evaluator");
    expect((await fetch(`${app.url}/debug/chaos`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/v1/agents`)).status).toBe(200);
  });

  it("refuses a bad ALERT_* or CHAOS_* value at start, naming the variable, and exits 1", async () => {
    for (const [name, value] of [
      ["ALERT_WINDOW", "soon"],
      ["CHAOS_ERROR_RATE", "2"],
    ] as const) {
      const start = startApp({ ALERT_WEBHOOK_URL: "http://127.0.0.1:9/webhooks/alertmanager", [name]: value });
      await expect(start).rejects.toThrow(new RegExp(`exited with 1[\\s\\S]*${name}`));
    }
  });
});
