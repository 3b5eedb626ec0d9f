import { parseDuration } from "@periscope/alerting";

/** The in-process alert evaluator's settings; absent when ALERT_WEBHOOK_URL is unset (no evaluator runs). */
export interface AlertSettings {
  /** Where Alertmanager v4 payloads are POSTed: the notification worker's `/webhooks/alertmanager`. */
  webhookUrl: string;
  /** Sent as `Authorization: Bearer <token>` (the worker's WEBHOOK_TOKEN). */
  token?: string;
  intervalMs: number;
  /** The HighErrorRate window and pending time, as Prometheus durations. */
  window: string;
  for: string;
}

/** ALERT_* variables; bad ones throw naming the variable. */
export function readAlertSettings(environment: NodeJS.ProcessEnv): AlertSettings | undefined {
  const webhookUrl = environment.ALERT_WEBHOOK_URL;
  if (webhookUrl === undefined || webhookUrl === "") return undefined;
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    throw new Error(`ALERT_WEBHOOK_URL must be an http(s) URL, got "${webhookUrl}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`ALERT_WEBHOOK_URL must be an http(s) URL, got "${webhookUrl}"`);
  }
  const intervalText = environment.ALERT_EVALUATION_INTERVAL_MS;
  const intervalMs = intervalText === undefined || intervalText === "" ? 15_000 : Number(intervalText);
  if (!Number.isInteger(intervalMs) || intervalMs < 10 || intervalMs > 3_600_000) {
    throw new Error(`ALERT_EVALUATION_INTERVAL_MS must be an integer from 10 to 3600000, got "${intervalText}"`);
  }
  const settings: AlertSettings = {
    webhookUrl,
    intervalMs,
    window: duration(environment, "ALERT_WINDOW", "5m"),
    for: duration(environment, "ALERT_FOR", "1m"),
  };
  if (environment.ALERT_WEBHOOK_TOKEN) settings.token = environment.ALERT_WEBHOOK_TOKEN;
  return settings;
}

function duration(environment: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const text = environment[name];
  if (text === undefined || text === "") return fallback;
  try {
    parseDuration(text);
  } catch {
    throw new Error(`${name} must be a Prometheus duration such as 30s or 5m, got "${text}"`);
  }
  return text;
}
