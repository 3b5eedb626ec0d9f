import type { StoredAlert } from "./alerts-repository.js";

/** An alert as the JSON API shows it: the alert and what the worker keeps about it. */
export function presentAlert(stored: StoredAlert) {
  return {
    ...stored.alert,
    receivers: stored.receivers,
    escalation: stored.escalation ?? null,
    notifiedSteps: stored.notifiedSteps,
    inhibitedBy: stored.inhibitedBy ?? null,
  };
}
