import type { Breadcrumb, BreadcrumbHint, ErrorEvent, EventHint, NodeOptions, SeverityLevel } from "@sentry/node";
import type { DeliveryCounter } from "./delivery-stats.js";
import type { FingerprintRule } from "./grouping.js";
import { type IgnoreRules, isIgnored } from "./ignore.js";
import { keepByLevel } from "./sampling.js";
import type { createEventScrubber } from "./scrub.js";

export interface PipelineOptions {
  ignore: IgnoreRules;
  levelRates: Readonly<Record<SeverityLevel, number>>;
  fingerprint: FingerprintRule;
  scrubber: ReturnType<typeof createEventScrubber>;
  counter: DeliveryCounter;
  userBeforeSend: NodeOptions["beforeSend"];
  userBeforeBreadcrumb: NodeOptions["beforeBreadcrumb"];
  onError: (error: unknown) => void;
  random?: () => number;
}

/** The tag the Express handler (or `captureException(error, { route })`) sets: "GET /api/v1/tasks/:id". */
export const ROUTE_KEY_TAG = "route_key";

/**
 * beforeSend: ignore rules, per-level sampling, fingerprint, then the user's own beforeSend, then scrubbing
 * last, so that nothing the user's callback adds leaves the process unscrubbed.
 */
export function createBeforeSend(options: PipelineOptions) {
  const { ignore, levelRates, fingerprint, scrubber, counter, userBeforeSend, onError, random } = options;
  return async function periscopeBeforeSend(event: ErrorEvent, hint: EventHint): Promise<ErrorEvent | null> {
    const error = hint.originalException;
    if (error !== undefined && isIgnored(error, ignore)) {
      counter.drop("ignored");
      return null;
    }
    if (!keepByLevel(event.level, levelRates, random)) {
      counter.drop("level_sampled");
      return null;
    }
    if (!event.fingerprint) {
      const route = event.tags?.[ROUTE_KEY_TAG];
      try {
        const rule = fingerprint({ error, route: typeof route === "string" ? route : undefined });
        if (rule) event.fingerprint = rule;
      } catch (failure) {
        onError(failure);
      }
    }
    let result: ErrorEvent | null = event;
    if (userBeforeSend) {
      try {
        result = await userBeforeSend(event, hint);
      } catch (failure) {
        // Dropping is the safe choice: the user's callback may have been the one scrubbing something.
        onError(failure);
        result = null;
      }
      if (result === null) {
        counter.drop("before_send");
        return null;
      }
    }
    return scrubber.scrubEvent(result) as ErrorEvent | null;
  };
}

export function createBeforeBreadcrumb(
  options: Pick<PipelineOptions, "scrubber" | "userBeforeBreadcrumb" | "onError">,
) {
  const { scrubber, userBeforeBreadcrumb, onError } = options;
  return function periscopeBeforeBreadcrumb(breadcrumb: Breadcrumb, hint?: BreadcrumbHint): Breadcrumb | null {
    let result: Breadcrumb | null = breadcrumb;
    if (userBeforeBreadcrumb) {
      try {
        result = userBeforeBreadcrumb(breadcrumb, hint);
      } catch (failure) {
        onError(failure);
        return null;
      }
    }
    return result === null ? null : scrubber.scrubBreadcrumb(result);
  };
}
