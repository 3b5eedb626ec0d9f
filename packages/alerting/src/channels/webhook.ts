import { createChannelBase } from "./base.js";
import { postOnce, validateUrl } from "./http.js";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./signature.js";
import type { Channel, CommonChannelOptions } from "./types.js";

export interface WebhookChannelOptions extends CommonChannelOptions {
  url: string;
  /** HMAC key for X-Periscope-Signature. */
  secret: string;
  /** Extra request headers (an Authorization for the receiver, say). */
  headers?: Record<string, string>;
  /** Clock in ms, for tests. */
  now?: () => number;
}

/** Posts a signed JSON body: `{ version, status, fingerprint, title, text, value, labels, annotations, ... }`. */
export function createWebhookChannel(options: WebhookChannelOptions): Channel {
  const url = validateUrl(options?.url, "webhook channel: url");
  if (typeof options.secret !== "string" || options.secret === "") {
    throw new TypeError("webhook channel: secret is required (it signs every request)");
  }
  const base = createChannelBase("webhook", options);
  const now = options.now ?? Date.now;
  return {
    kind: "webhook",
    name: base.name,
    send: (alert, sendOptions) =>
      base.send(alert, sendOptions, (current, signal) => {
        const { context, title, body: text } = base.render(current, "text");
        const body = JSON.stringify({
          version: "1",
          status: context.status,
          fingerprint: context.fingerprint,
          title,
          text,
          value: context.value,
          runbookUrl: context.runbookUrl,
          labels: context.labels,
          annotations: context.annotations,
          startsAt: context.startsAt,
          endsAt: context.endsAt || undefined,
          generatorURL: context.generatorURL || undefined,
        });
        // Signed per attempt: a retry carries a fresh timestamp, so it passes the receiver's replay window.
        const timestamp = String(Math.floor(now() / 1000));
        return postOnce(
          url,
          body,
          {
            ...options.headers,
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signWebhook(options.secret, timestamp, body),
          },
          signal,
        );
      }),
    shutdown: base.shutdown,
  };
}
