import type { CheckOutcome, CheckStatus } from "./check-types.js";

export const MAX_MESSAGE_LENGTH = 512;

const STATUSES: ReadonlySet<string> = new Set<CheckStatus>(["pass", "warn", "fail"]);

export interface NormalizedOutcome {
  status: CheckStatus;
  message?: string;
  observed_value?: number | string;
}

/** Turns whatever a check resolved to into a status; never throws. */
export function normalizeOutcome(value: unknown): NormalizedOutcome {
  if (value === false) return { status: "fail", message: "check returned false" };
  if (value === null || typeof value !== "object") return { status: "pass" };
  const outcome = value as CheckOutcome;
  const result: NormalizedOutcome = { status: "pass" };
  if (outcome.status !== undefined) {
    if (typeof outcome.status !== "string" || !STATUSES.has(outcome.status)) {
      return { status: "fail", message: truncate(`check returned an invalid status: ${String(outcome.status)}`) };
    }
    result.status = outcome.status;
  }
  if (typeof outcome.message === "string") result.message = truncate(outcome.message);
  const observed = outcome.observedValue;
  if (typeof observed === "number" || typeof observed === "string") {
    result.observed_value = typeof observed === "string" ? truncate(observed) : observed;
  }
  return result;
}

/** A failed result carrying the error's message (and its cause's, as fetch hides the useful part there). */
export function errorOutcome(error: unknown): NormalizedOutcome {
  return { status: "fail", message: truncate(describeError(error)) };
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  const message = error.message || error.name;
  return cause && !message.includes(cause) ? `${message}: ${cause}` : message;
}

export function truncate(text: string, limit = MAX_MESSAGE_LENGTH): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
