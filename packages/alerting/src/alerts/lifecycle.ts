import type { Alert, AlertState } from "./alert.js";

export type AlertEvent =
  | { type: "fire" }
  | { type: "acknowledge"; by?: string }
  | { type: "resolve" }
  | { type: "silence"; until: Date | string; by?: string }
  | { type: "unsilence" };

export class InvalidTransitionError extends Error {
  override name = "InvalidTransitionError";
  constructor(
    readonly from: AlertState,
    readonly event: AlertEvent["type"],
  ) {
    super(`an alert in state "${from}" cannot take the event "${event}"`);
  }
}

// Which event moves which state where; a missing entry is an invalid transition.
const table: Record<AlertState, Partial<Record<AlertEvent["type"], AlertState>>> = {
  firing: { fire: "firing", acknowledge: "acknowledged", resolve: "resolved", silence: "silenced" },
  acknowledged: { fire: "acknowledged", acknowledge: "acknowledged", resolve: "resolved", silence: "silenced" },
  silenced: { fire: "silenced", silence: "silenced", unsilence: "firing", resolve: "resolved" },
  resolved: { fire: "firing", resolve: "resolved" },
};

export function canTransition(state: AlertState, event: AlertEvent["type"]): boolean {
  return table[state]?.[event] !== undefined;
}

function untilIso(until: Date | string): string {
  const date = until instanceof Date ? until : new Date(until);
  if (Number.isNaN(date.getTime())) throw new TypeError(`silence.until must be a valid date, got ${String(until)}`);
  return date.toISOString();
}

/**
 * The alert after `event` at `now`: a new object, the input is not changed. Throws InvalidTransitionError
 * for a transition the lifecycle does not have (acknowledging a resolved alert, for one).
 */
export function transition(alert: Alert, event: AlertEvent, now: Date = new Date()): Alert {
  let next = table[alert.state]?.[event.type];
  if (next === undefined) throw new InvalidTransitionError(alert.state, event.type);
  // A silence over an acknowledged alert ends in the acknowledged state it interrupted.
  if (event.type === "unsilence" && alert.acknowledgedAt) next = "acknowledged";
  const at = now.toISOString();
  const out: Alert = { ...alert, state: next };
  if (next !== alert.state) out.updatedAt = at;
  switch (event.type) {
    case "fire":
      if (alert.state === "resolved") {
        // A new firing episode: escalation starts over, the old acknowledgement no longer holds.
        out.startsAt = at;
        delete out.endsAt;
        delete out.acknowledgedAt;
        delete out.acknowledgedBy;
      }
      break;
    case "acknowledge":
      if (alert.state === "firing") {
        out.acknowledgedAt = at;
        if (event.by !== undefined) out.acknowledgedBy = event.by;
      }
      break;
    case "resolve":
      if (alert.state !== "resolved") out.endsAt = at;
      break;
    case "silence":
      out.silencedAt = alert.state === "silenced" && alert.silencedAt ? alert.silencedAt : at;
      out.silencedUntil = untilIso(event.until);
      if (event.by !== undefined) out.silencedBy = event.by;
      out.updatedAt = at;
      break;
    case "unsilence":
      delete out.silencedAt;
      delete out.silencedUntil;
      delete out.silencedBy;
      break;
  }
  return out;
}

/** Ends a silence whose `silencedUntil` has passed; any other alert comes back unchanged. */
export function expireSilence(alert: Alert, now: Date = new Date()): Alert {
  if (alert.state !== "silenced" || !alert.silencedUntil) return alert;
  if (Date.parse(alert.silencedUntil) > now.getTime()) return alert;
  return transition(alert, { type: "unsilence" }, now);
}
