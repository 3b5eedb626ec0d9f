import { describe, expect, it } from "vitest";
import { defaultWorkerConfig } from "./default-config.js";

describe("defaultWorkerConfig", () => {
  it("routes everything to the log receiver without ALERT_WEBHOOK_URL", () => {
    const config = defaultWorkerConfig({ alertWebhookUrl: undefined, alertWebhookSecret: undefined });
    expect(config.receivers).toEqual([{ name: "log", type: "log" }]);
    expect(config.route).toEqual({ receiver: "log" });
  });

  it("routes to a signed webhook with ALERT_WEBHOOK_URL, and needs its secret", () => {
    const config = defaultWorkerConfig({ alertWebhookUrl: "http://127.0.0.1:9/x", alertWebhookSecret: "s" });
    expect(config.receivers).toEqual([{ name: "webhook", type: "webhook", url: "http://127.0.0.1:9/x", secret: "s" }]);
    expect(() => defaultWorkerConfig({ alertWebhookUrl: "http://x", alertWebhookSecret: undefined })).toThrow(
      "ALERT_WEBHOOK_SECRET",
    );
  });
});
