import { describe, expect, it } from "vitest";
import { readAlertSettings } from "./alert-settings.js";

const url = "http://127.0.0.1:3001/webhooks/alertmanager";

describe("readAlertSettings", () => {
  it("is undefined without ALERT_WEBHOOK_URL: no evaluator runs", () => {
    expect(readAlertSettings({})).toBeUndefined();
    expect(readAlertSettings({ ALERT_WEBHOOK_URL: "", ALERT_WINDOW: "10s" })).toBeUndefined();
  });

  it("has the documented defaults", () => {
    expect(readAlertSettings({ ALERT_WEBHOOK_URL: url })).toEqual({
      webhookUrl: url,
      intervalMs: 15_000,
      window: "5m",
      for: "1m",
    });
  });

  it("reads the token, interval, window and for", () => {
    const environment = {
      ALERT_WEBHOOK_URL: url,
      ALERT_WEBHOOK_TOKEN: "t0k",
      ALERT_EVALUATION_INTERVAL_MS: "200",
      ALERT_WINDOW: "10s",
      ALERT_FOR: "0s",
    };
    expect(readAlertSettings(environment)).toEqual({
      webhookUrl: url,
      token: "t0k",
      intervalMs: 200,
      window: "10s",
      for: "0s",
    });
  });

  it("refuses bad values naming the variable", () => {
    expect(() => readAlertSettings({ ALERT_WEBHOOK_URL: "not a url" })).toThrow(/ALERT_WEBHOOK_URL/);
    expect(() => readAlertSettings({ ALERT_WEBHOOK_URL: "ftp://host/x" })).toThrow(/ALERT_WEBHOOK_URL/);
    expect(() => readAlertSettings({ ALERT_WEBHOOK_URL: url, ALERT_EVALUATION_INTERVAL_MS: "fast" })).toThrow(
      /ALERT_EVALUATION_INTERVAL_MS/,
    );
    expect(() => readAlertSettings({ ALERT_WEBHOOK_URL: url, ALERT_EVALUATION_INTERVAL_MS: "5" })).toThrow(
      /ALERT_EVALUATION_INTERVAL_MS/,
    );
    expect(() => readAlertSettings({ ALERT_WEBHOOK_URL: url, ALERT_WINDOW: "five minutes" })).toThrow(/ALERT_WINDOW/);
    expect(() => readAlertSettings({ ALERT_WEBHOOK_URL: url, ALERT_FOR: "-1m" })).toThrow(/ALERT_FOR/);
  });
});
