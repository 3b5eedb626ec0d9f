import { createRedactionPolicy, type RedactionPolicy } from "@periscope/redact";
import {
  type EventHint,
  init,
  type RequestEventData,
  type Scope,
  type SeverityLevel,
  captureException as sentryCapture,
  withScope,
} from "@sentry/node";

type TransactionEvent = Parameters<NonNullable<SentryOptions["beforeSendTransaction"]>>[0];

import { checkPositiveInteger, resolveLevelRates, resolveSentryConfig } from "./config.js";
import { DeliveryCounter, type DeliveryStats, rateLimited } from "./delivery-stats.js";
import { createBeforeBreadcrumb, createBeforeSend, ROUTE_KEY_TAG } from "./event-pipeline.js";
import { defaultFingerprint } from "./grouping.js";
import { type IgnoreRules, isIgnored, validateIgnoreErrors } from "./ignore.js";
import { minimalIntegrations } from "./integrations.js";
import type { SentryOptions } from "./options.js";
import { createEventScrubber } from "./scrub.js";
import { boundedTransport } from "./transport.js";

/** What a request adds to an event; the Express handler fills it in. */
export interface ErrorContext {
  /** Route template, e.g. "/api/v1/tasks/:id" (tag `route`). */
  route?: string;
  /** HTTP method (tag `method`). */
  method?: string;
  /** Request id (tag `request_id`). */
  requestId?: string;
  /** Request data: url, method, query_string, headers, cookies, data. Scrubbed before sending. */
  request?: RequestEventData;
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  level?: SeverityLevel;
}

export interface SentryHandle {
  /** False without a DSN: then nothing is initialised and every method is a no-op. */
  readonly enabled: boolean;
  /** Sends the error unless it is expected (ignore rules); returns the event id, or undefined if not sent. */
  captureException(error: unknown, context?: ErrorContext): string | undefined;
  /** True when `error` would not be sent (a 4xx-class status, or a match in `ignoreErrors`). */
  isIgnored(error: unknown): boolean;
  /** Sent, failed and dropped counts since init. */
  stats(): DeliveryStats;
  /** Flushes what is buffered within `timeoutMs` (default `shutdownTimeoutMs`) and closes the client. Idempotent. */
  shutdown(timeoutMs?: number): Promise<void>;
}

const ON_ERROR_INTERVAL_MS = 30_000;

/**
 * Initialises @sentry/node for errors only: no performance tracing unless `tracesSampleRate` is set, no
 * OpenTelemetry setup of Sentry's own, no per-request integrations. Without a DSN (option or SENTRY_DSN)
 * it does nothing at all and returns a disabled handle.
 */
export function initSentry(options: SentryOptions = {}): SentryHandle {
  if (options === null || typeof options !== "object") {
    throw new TypeError("@periscope/sentry: initSentry(options) takes an options object.");
  }
  const {
    env = process.env,
    redaction,
    fingerprint = defaultFingerprint,
    ignoreErrors,
    ignoreStatusBelow = 500,
    levelSampleRates,
    bufferSize = 30,
    sendTimeoutMs = 5_000,
    shutdownTimeoutMs = 2_000,
    captureProcessErrors = true,
    onError: userOnError,
    ...sentryOptions
  } = options;
  const config = resolveSentryConfig(sentryOptions, env);
  const ignore: IgnoreRules = { ignoreStatusBelow, ignoreErrors: validateIgnoreErrors(ignoreErrors) };
  if (typeof ignoreStatusBelow !== "number" || !Number.isFinite(ignoreStatusBelow)) {
    throw new TypeError("@periscope/sentry: option ignoreStatusBelow must be a number, e.g. 500.");
  }
  if (typeof fingerprint !== "function") {
    throw new TypeError("@periscope/sentry: option fingerprint must be a function returning string[] | undefined.");
  }
  const levelRates = resolveLevelRates(levelSampleRates);
  checkPositiveInteger(bufferSize, "bufferSize");
  checkPositiveInteger(sendTimeoutMs, "sendTimeoutMs");
  checkPositiveInteger(shutdownTimeoutMs, "shutdownTimeoutMs");
  const counter = new DeliveryCounter();

  if (config.dsn === undefined) return disabledHandle(counter, ignore);

  const onError = rateLimited(userOnError ?? (() => {}), ON_ERROR_INTERVAL_MS);
  const scrubber = createEventScrubber(toPolicy(redaction));
  const pipeline = {
    ignore,
    levelRates,
    fingerprint,
    scrubber,
    counter,
    userBeforeSend: sentryOptions.beforeSend,
    userBeforeBreadcrumb: sentryOptions.beforeBreadcrumb,
    onError,
  };
  const beforeSendTransaction = sentryOptions.beforeSendTransaction;
  const client = init({
    defaultIntegrations: minimalIntegrations(captureProcessErrors),
    tracePropagationTargets: [],
    sendClientReports: true,
    ...sentryOptions,
    ...config,
    enableOpenTelemetrySetup: sentryOptions.enableOpenTelemetrySetup ?? false,
    // Sentry rewrites modules loaded after init (express, router, http clients...) to publish spans on
    // diagnostics channels: about 4 µs per request on a hello-world route, of use only to Sentry's tracing.
    enableRuntimeChannelInjection: sentryOptions.enableRuntimeChannelInjection ?? config.tracesSampleRate !== undefined,
    transport: sentryOptions.transport ?? boundedTransport({ counter, sendTimeoutMs, onError }),
    transportOptions: { ...sentryOptions.transportOptions, bufferSize },
    beforeSend: createBeforeSend(pipeline),
    beforeBreadcrumb: createBeforeBreadcrumb(pipeline),
    // Only with tracing on. Spans are streamed by default in v11 (beforeSendSpan); whole transactions
    // (beforeSendTransaction) only with `traceLifecycle: "static"`. A beforeSendSpan of yours replaces ours.
    ...(config.tracesSampleRate !== undefined && !sentryOptions.beforeSendSpan
      ? { beforeSendSpan: scrubber.scrubStreamedSpan }
      : {}),
    ...(beforeSendTransaction || sentryOptions.traceLifecycle === "static"
      ? {
          beforeSendTransaction: async (event: TransactionEvent, hint: EventHint) => {
            const result = beforeSendTransaction ? await beforeSendTransaction(event, hint) : event;
            return result === null ? null : (scrubber.scrubEvent(result) as TransactionEvent | null);
          },
        }
      : {}),
  });

  let closing: Promise<void> | undefined;
  return {
    enabled: client !== undefined,
    isIgnored: (error) => isIgnored(error, ignore),
    captureException(error, context) {
      if (client === undefined || closing !== undefined) return undefined;
      if (isIgnored(error, ignore)) {
        counter.drop("ignored");
        return undefined;
      }
      try {
        return withScope((scope) => {
          if (context) applyContext(scope, context);
          return sentryCapture(error);
        });
      } catch (failure) {
        onError(failure);
        return undefined;
      }
    },
    stats: () => counter.snapshot(),
    shutdown(timeoutMs = shutdownTimeoutMs) {
      closing ??= closeWithin(timeoutMs, async () => {
        const flushed = await client?.close(timeoutMs);
        if (flushed === false) onError(new Error(`@periscope/sentry: events still buffered after ${timeoutMs} ms`));
      }).catch(onError);
      return closing;
    },
  };
}

function applyContext(scope: Scope, context: ErrorContext): void {
  const { route, method, requestId, request, tags, extra, level } = context;
  if (route !== undefined) scope.setTag("route", route);
  if (method !== undefined) scope.setTag("method", method);
  if (requestId !== undefined) scope.setTag("request_id", requestId);
  if (route !== undefined) {
    const key = method === undefined ? route : `${method} ${route}`;
    scope.setTag(ROUTE_KEY_TAG, key);
    scope.setTransactionName(key);
  }
  if (tags) scope.setTags(tags);
  if (extra) scope.setExtras(extra);
  if (level) scope.setLevel(level);
  if (request) {
    scope.addEventProcessor((event) => {
      event.request = { ...event.request, ...request };
      return event;
    });
  }
}

function toPolicy(redaction: SentryOptions["redaction"]): RedactionPolicy {
  if (redaction && typeof (redaction as RedactionPolicy).redact === "function") return redaction as RedactionPolicy;
  return createRedactionPolicy(redaction as Parameters<typeof createRedactionPolicy>[0]);
}

async function closeWithin(timeoutMs: number, close: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([close(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function disabledHandle(counter: DeliveryCounter, ignore: IgnoreRules): SentryHandle {
  return {
    enabled: false,
    isIgnored: (error) => isIgnored(error, ignore),
    captureException: () => undefined,
    stats: () => counter.snapshot(),
    shutdown: () => Promise.resolve(),
  };
}
