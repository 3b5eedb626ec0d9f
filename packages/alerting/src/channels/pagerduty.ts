import type { Alert } from "../alerts/alert.js";
import { safeLink } from "../templates/escape.js";
import { truncate } from "../templates/render.js";
import type { RenderedAlert } from "./base.js";
import { createChannelBase } from "./base.js";
import { postOnce, validateUrl } from "./http.js";
import type { Channel, CommonChannelOptions } from "./types.js";

export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

export interface PagerDutyChannelOptions extends CommonChannelOptions {
  /** The integration's routing key (32 chars). */
  routingKey: string;
  /** Default PAGERDUTY_EVENTS_URL; tests point it at a local listener. */
  url?: string;
  /** `payload.source` when the alert has no `instance` or `service` label. Default "periscope". */
  source?: string;
}

const severities = new Set(["critical", "error", "warning", "info"]);

function eventAction(state: Alert["state"]): "trigger" | "acknowledge" | "resolve" {
  if (state === "resolved") return "resolve";
  if (state === "acknowledged") return "acknowledge";
  return "trigger";
}

/** An Events API v2 event: one dedup_key per alert (its fingerprint), so resolve closes what trigger opened. */
export function pagerDutyEvent(
  alert: Alert,
  rendered: RenderedAlert,
  routingKey: string,
  defaultSource = "periscope",
): Record<string, unknown> {
  const { context, title, body } = rendered;
  const action = eventAction(alert.state);
  const event: Record<string, unknown> = {
    routing_key: routingKey,
    event_action: action,
    dedup_key: alert.fingerprint,
  };
  if (action !== "trigger") return event;
  const severity = context.labels.severity ?? "";
  const links: { href: string; text: string }[] = [];
  const runbook = safeLink(context.runbookUrl);
  if (runbook) links.push({ href: runbook, text: "Runbook" });
  event.payload = {
    summary: truncate(title || context.labels.alertname || "alert", 1024),
    severity: severities.has(severity) ? severity : "error",
    source: context.labels.instance || context.labels.service || defaultSource,
    timestamp: alert.startsAt,
    ...(context.labels.service ? { component: context.labels.service } : {}),
    ...(context.labels.alertname ? { class: context.labels.alertname } : {}),
    custom_details: {
      description: body,
      value: context.value,
      labels: context.labels,
      annotations: context.annotations,
    },
  };
  if (links.length > 0) event.links = links;
  const source = safeLink(context.generatorURL);
  if (source) {
    event.client = "Periscope";
    event.client_url = source;
  }
  return event;
}

/** Sends trigger, acknowledge and resolve events to the PagerDuty Events API v2. */
export function createPagerDutyChannel(options: PagerDutyChannelOptions): Channel {
  if (typeof options?.routingKey !== "string" || options.routingKey === "") {
    throw new TypeError("pagerduty channel: routingKey is required");
  }
  const url = validateUrl(options.url ?? PAGERDUTY_EVENTS_URL, "pagerduty channel: url");
  const base = createChannelBase("pagerduty", options);
  return {
    kind: "pagerduty",
    name: base.name,
    send: (alert, sendOptions) =>
      base.send(alert, sendOptions, (current, signal) => {
        const event = pagerDutyEvent(current, base.render(current, "text"), options.routingKey, options.source);
        return postOnce(url, JSON.stringify(event), {}, signal);
      }),
    shutdown: base.shutdown,
  };
}
