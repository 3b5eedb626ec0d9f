import {
  contextLinesIntegration,
  dedupeIntegration,
  linkedErrorsIntegration,
  type NodeOptions,
  nodeContextIntegration,
  onUncaughtExceptionIntegration,
  onUnhandledRejectionIntegration,
  openTelemetryIntegration,
} from "@sentry/node";

/**
 * Errors-only defaults. Nothing here runs per request: no http/fetch/console patching (they cost on every
 * request and would add sentry-trace/baggage headers), no request-data isolation scopes. Everything runs
 * when an event is captured. `openTelemetryIntegration` takes trace ids from the active OpenTelemetry span.
 */
export type SentryIntegrations = Exclude<NodeOptions["defaultIntegrations"], false | undefined>;

export function minimalIntegrations(captureProcessErrors: boolean): SentryIntegrations {
  return [
    linkedErrorsIntegration(),
    dedupeIntegration(),
    nodeContextIntegration(),
    contextLinesIntegration(),
    openTelemetryIntegration(),
    ...(captureProcessErrors
      ? [onUncaughtExceptionIntegration(), onUnhandledRejectionIntegration({ mode: "strict" })]
      : []),
  ];
}
