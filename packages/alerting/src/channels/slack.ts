import { escapeSlack, safeLink } from "../templates/escape.js";
import { truncate } from "../templates/render.js";
import type { RenderedAlert } from "./base.js";
import { createChannelBase } from "./base.js";
import { postOnce, validateUrl } from "./http.js";
import type { Channel, CommonChannelOptions } from "./types.js";

export interface SlackChannelOptions extends CommonChannelOptions {
  /** The incoming webhook URL (a secret: it never appears in results). */
  webhookUrl: string;
}

const statusEmoji: Record<string, string> = {
  firing: ":red_circle:",
  acknowledged: ":large_yellow_circle:",
  silenced: ":white_circle:",
  resolved: ":large_green_circle:",
};

/** Block Kit message with a plain-text fallback, from an alert rendered for mrkdwn. */
export function slackMessage(rendered: RenderedAlert): Record<string, unknown> {
  const { context, title, body } = rendered;
  const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
  const fields = [
    ["Severity", context.labels.severity],
    ["Service", context.labels.service],
    ["Value", context.value],
    ["Status", context.statusUpper],
  ]
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([label, value]) => mrkdwn(`*${label}*\n${truncate(escapeSlack(value), 1900)}`));
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: truncate(title || context.labels.alertname || "alert", 150) } },
  ];
  if (body) blocks.push({ type: "section", text: mrkdwn(truncate(body, 3000)) });
  if (fields.length > 0) blocks.push({ type: "section", fields });
  const runbook = safeLink(context.runbookUrl);
  const source = safeLink(context.generatorURL);
  const links = [runbook && `<${escapeSlack(runbook)}|Runbook>`, source && `<${escapeSlack(source)}|Source>`].filter(
    Boolean,
  );
  blocks.push({
    type: "context",
    elements: [
      mrkdwn(truncate([`${statusEmoji[context.status] ?? ""} ${context.fingerprint}`, ...links].join(" · "), 3000)),
    ],
  });
  const fallback = [title, runbook ? `Runbook: ${runbook}` : ""].filter(Boolean).join(" — ");
  return { text: truncate(escapeSlack(fallback), 3000), blocks };
}

/** Posts Block Kit messages to a Slack incoming webhook. */
export function createSlackChannel(options: SlackChannelOptions): Channel {
  const webhookUrl = validateUrl(options?.webhookUrl, "slack channel: webhookUrl");
  const base = createChannelBase("slack", options);
  return {
    kind: "slack",
    name: base.name,
    send: (alert, sendOptions) =>
      base.send(alert, sendOptions, (current, signal) => {
        const rendered = base.render(current, "slack");
        return postOnce(webhookUrl, JSON.stringify(slackMessage(rendered)), {}, signal);
      }),
    shutdown: base.shutdown,
  };
}
