import type { TimelineEvent } from "../timeline-repository.js";

const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

/** One plain-text line per event (escaped by the template that shows it). */
export function describeEvent(event: TimelineEvent): string {
  const detail = event.detail;
  switch (event.kind) {
    case "received":
      return detail.status === "resolved"
        ? "Received, already resolved"
        : `Received, firing since ${text(detail.startsAt)}`;
    case "escalated":
      return `Escalation step ${text(detail.step)} of ${text(detail.of)}: notified ${text(detail.receivers)}`;
    case "attempt": {
      const what = `${text(detail.status)} notification to ${text(detail.receiver)} (${text(detail.channel)})`;
      const attempt = detail.attempt ? `, attempt ${text(detail.attempt)}` : "";
      const error = detail.error ? `: ${text(detail.error)}` : "";
      return `${what}${attempt}: ${text(detail.result)}${error}`;
    }
    case "dead_lettered":
      return `Dead letter: ${text(detail.status)} notification to ${text(detail.receiver)} given up after ${text(detail.attempts)} attempts: ${text(detail.error)}`;
    case "retry_requested":
      return `Dead letter to ${text(detail.receiver)} retried by ${text(detail.by)}`;
    case "acknowledged":
      return `Acknowledged by ${text(detail.by) || "someone"}; escalation stopped`;
    case "silenced":
      return `Silenced until ${text(detail.until)} by ${text(detail.by)}`;
    case "unsilenced":
      return "Silence ended: firing again";
    case "resolved":
      return `Resolved at ${text(detail.endsAt)}`;
    default:
      return String(event.kind);
  }
}
