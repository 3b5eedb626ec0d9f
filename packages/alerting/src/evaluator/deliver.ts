import type { WebhookPayload } from "../alert-payload.js";

/** Where payloads go: a URL that gets `POST` JSON, or a function. */
export type PayloadTarget = string | ((payload: WebhookPayload) => void | Promise<void>);

export function createDelivery(target: PayloadTarget, timeoutMs: number): (payload: WebhookPayload) => Promise<void> {
  if (typeof target === "function") return async (payload) => target(payload);
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new TypeError(`target must be an http(s) URL or a function, got ${JSON.stringify(target)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`target must be an http(s) URL or a function, got ${JSON.stringify(target)}`);
  }
  return async (payload) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`alert webhook ${url.origin}${url.pathname} answered ${response.status}`);
  };
}
