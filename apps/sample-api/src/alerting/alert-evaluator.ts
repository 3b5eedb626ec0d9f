import {
  type AlertRule,
  createEvaluator,
  DEFAULT_RUNBOOK_BASE_URL,
  type Evaluator,
  errorRatioRule,
  type PayloadTarget,
} from "@periscope/alerting";
import { HTTP_METRICS, type Metrics } from "@periscope/metrics";
import type { AlertSettings } from "./alert-settings.js";

const DELIVERY_TIMEOUT_MS = 5000;

/** The sample API's rules: HighErrorRate over http_requests_total, window and `for` from the settings. */
export function sampleApiAlertRules(settings: Pick<AlertSettings, "window" | "for">): AlertRule[] {
  return [
    errorRatioRule({
      name: "HighErrorRate",
      severity: "warning",
      for: settings.for,
      labels: { team: "platform", service: "sample-api" },
      summary: "More than 5% of HTTP requests fail with 5xx",
      description: `{{ $value | humanizePercentage }} of HTTP requests answered 5xx over the last ${settings.window} (threshold 5%). Find the failing routes by status_code and route.`,
      runbook: "docs/runbooks/HighErrorRate.md",
      errors: { metric: HTTP_METRICS.requests, matchers: { status_code: { regex: "5.." } } },
      total: { metric: HTTP_METRICS.requests },
      window: settings.window,
      above: 0.05,
    }),
  ];
}

/** Samples `metrics.registry` every interval and POSTs Alertmanager v4 payloads to the webhook URL. */
export function startAlertEvaluator(options: {
  settings: AlertSettings;
  metrics: Metrics;
  onError: (error: unknown) => void;
}): Evaluator {
  const { settings } = options;
  return createEvaluator({
    registry: options.metrics.registry,
    rules: sampleApiAlertRules(settings),
    target: settings.token ? bearerTarget(settings.webhookUrl, settings.token) : settings.webhookUrl,
    runbookBaseUrl: DEFAULT_RUNBOOK_BASE_URL,
    intervalMs: settings.intervalMs,
    timeoutMs: DELIVERY_TIMEOUT_MS,
    receiver: "sample-api",
    onError: options.onError,
  });
}

// The evaluator's URL target sends no headers, so a token needs our own POST.
function bearerTarget(url: string, token: string): PayloadTarget {
  return async (payload) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`alert webhook ${new URL(url).pathname} answered ${response.status}`);
  };
}
