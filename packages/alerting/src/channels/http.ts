import type { AttemptOutcome } from "./deliver.js";
import { isRetryableStatus, parseRetryAfter } from "./retry.js";

/** One POST; maps the response to an attempt outcome. Throws only on network errors and aborts. */
export async function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    signal,
    redirect: "error",
  });
  // Read the body (bounded) so the connection is released, and to quote it in errors.
  const text = (await response.text()).slice(0, 500);
  if (response.ok) return { ok: true, status: response.status, retryable: false };
  const outcome: AttemptOutcome = {
    ok: false,
    status: response.status,
    retryable: isRetryableStatus(response.status),
    error: `HTTP ${response.status}${text ? `: ${text}` : ""}`,
  };
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  if (outcome.retryable && retryAfter !== undefined) outcome.retryAfterMs = retryAfter;
  return outcome;
}

export function validateUrl(value: unknown, option: string): string {
  if (typeof value !== "string" || value === "") throw new TypeError(`${option} is required`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new TypeError(`${option} must be an absolute http(s) URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`${option} must be an http(s) URL, got ${parsed.protocol}`);
  }
  return value;
}
