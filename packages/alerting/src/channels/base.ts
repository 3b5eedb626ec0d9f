import { createRedactionPolicy, type RedactionPolicy } from "@periscope/redact";
import type { Alert } from "../alerts/alert.js";
import { type TemplateContext, templateContext } from "../templates/context.js";
import type { TemplateTarget } from "../templates/escape.js";
import { renderTemplate, validateTemplates } from "../templates/render.js";
import { type AttemptOutcome, deliverWithRetry } from "./deliver.js";
import { type ResolvedRetryOptions, resolveRetryOptions } from "./retry.js";
import type { Channel, CommonChannelOptions, DeliveryResult, SendOptions } from "./types.js";

export interface RenderedAlert {
  context: TemplateContext;
  /** Plain text on one line: escape it where it goes. */
  title: string;
  /** Escaped for the target it was rendered for. */
  body: string;
}

export interface ChannelBase {
  name: string;
  redaction: RedactionPolicy;
  retry: ResolvedRetryOptions;
  timeoutMs: number;
  render(alert: Alert, target: TemplateTarget): RenderedAlert;
  /** Wraps the retry loop: validation of the alert, shutdown state, never-throw. */
  send(
    alert: Alert,
    options: SendOptions | undefined,
    attempt: (alert: Alert, signal: AbortSignal) => Promise<AttemptOutcome>,
  ): Promise<DeliveryResult>;
  shutdown(): Promise<void>;
}

export function createChannelBase(kind: Channel["kind"], options: CommonChannelOptions): ChannelBase {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`${kind} channel: timeoutMs must be a number > 0, got ${String(timeoutMs)}`);
  }
  const redaction = options.redaction ?? createRedactionPolicy();
  const retry = resolveRetryOptions(options.retry);
  const templates = validateTemplates(options.templates);
  const name = options.name ?? kind;
  let closed = false;
  return {
    name,
    redaction,
    retry,
    timeoutMs,
    render(alert, target) {
      const context = templateContext(alert, redaction);
      const title = renderTemplate(templates.title, context, "text")
        .replace(/[\r\n]+/g, " ")
        .replace(/[\s:]+$/, "");
      return { context, title, body: renderTemplate(templates.body, context, target) };
    },
    async send(alert, sendOptions, attempt) {
      if (closed) return { ok: false, attempts: 0, retryable: false, error: `${name}: channel is shut down` };
      if (alert === null || typeof alert !== "object" || typeof alert.labels !== "object" || alert.labels === null) {
        return { ok: false, attempts: 0, retryable: false, error: `${name}: alert must be an object with labels` };
      }
      try {
        return await deliverWithRetry((signal) => attempt(alert, signal), {
          retry,
          timeoutMs,
          redaction,
          signal: sendOptions?.signal,
        });
      } catch (error) {
        // Rendering bugs or a throwing policy: still a result, never a rejection.
        return { ok: false, attempts: 0, retryable: false, error: redaction.redactString(String(error)) };
      }
    },
    async shutdown() {
      closed = true;
    },
  };
}
