import {
  type Alert,
  alertFromWebhook,
  compileMatcher,
  createEscalationPolicy,
  createInhibitor,
  createRouter,
  type EscalationPolicy,
  evaluateEscalation,
  transition,
  type WebhookPayload,
} from "@periscope/alerting/channels";
import type { AlertsRepository, StoredAlert } from "./alerts-repository.js";
import type { WorkerConfig } from "./config-schema.js";
import type { Db } from "./database.js";
import type { DeliveriesRepository } from "./deliveries-repository.js";
import type { Silence, SilencesRepository } from "./silences-repository.js";
import type { TimelineRepository } from "./timeline-repository.js";

export class NotFoundError extends Error {
  override name = "NotFoundError";
  readonly status = 404;
}

export interface EngineStores {
  db: Db;
  alerts: AlertsRepository;
  deliveries: DeliveriesRepository;
  silences: SilencesRepository;
  /** Where received, escalated, silenced, acknowledged and resolved are recorded for the console. */
  timeline?: TimelineRepository;
}

export interface AlertEngine {
  /** Stores every alert of a validated payload and queues its deliveries, all in one transaction. */
  ingest(payload: WebhookPayload, now: Date): { alerts: number; queued: number };
  /** Throws NotFoundError, or InvalidTransitionError for a resolved alert. */
  acknowledge(fingerprint: string, by: string | undefined, now: Date): StoredAlert;
  /** The periodic pass: applies and expires silences, re-checks inhibition, queues due escalation steps. */
  tick(now: Date): number;
}

/** Turns incoming alerts, acks, silences and the clock into rows of the outbox, each step in one transaction. */
export function createAlertEngine(
  config: WorkerConfig,
  { db, alerts, deliveries, silences, timeline }: EngineStores,
): AlertEngine {
  const router = createRouter(config.route);
  const inhibitor = createInhibitor(config.inhibitRules);
  const policies = new Map<string, EscalationPolicy>(
    config.escalationPolicies.map((policy) => [policy.name, createEscalationPolicy(policy)]),
  );

  const route = (labels: Record<string, string>) => {
    const matched = router.match(labels);
    return {
      receivers: [...new Set(matched.map((entry) => entry.receiver))],
      escalation: matched.find((entry) => entry.escalation !== undefined)?.escalation,
    };
  };

  const silenceFor = (labels: Record<string, string>, active: Silence[]) =>
    active.find((silence) => silence.matchers.every((matcher) => compileMatcher(matcher).matches(labels)));

  /** Queues what a firing, unmuted alert is owed now: its route's receivers and due escalation steps. */
  const notify = (stored: StoredAlert, now: Date): number => {
    let queued = 0;
    for (const receiver of stored.receivers) if (deliveries.enqueue(stored.alert, receiver, now)) queued++;
    const policy = stored.escalation ? policies.get(stored.escalation) : undefined;
    if (policy) {
      const decision = evaluateEscalation(policy, stored.alert, stored.notifiedSteps, now);
      for (const { step, index } of decision.due) {
        for (const receiver of step.receivers) if (deliveries.enqueue(stored.alert, receiver, now)) queued++;
        timeline?.record(stored.alert.fingerprint, "escalated", now, {
          step: index + 1,
          of: policy.steps.length,
          receivers: step.receivers.join(", "),
        });
      }
      stored.notifiedSteps += decision.due.length;
    }
    return queued;
  };

  /** Applies silences and inhibition to a stored alert, then queues what it is owed. */
  const settle = (stored: StoredAlert, active: Alert[], activeSilences: Silence[], now: Date): number => {
    let alert = stored.alert;
    const silence = alert.state === "resolved" ? undefined : silenceFor(alert.labels, activeSilences);
    if (silence && alert.state !== "silenced") {
      alert = transition(alert, { type: "silence", until: silence.endsAt, by: silence.createdBy }, now);
    } else if (silence && alert.silencedUntil !== silence.endsAt) {
      alert = transition(alert, { type: "silence", until: silence.endsAt, by: silence.createdBy }, now);
    } else if (!silence && alert.state === "silenced") {
      alert = transition(alert, { type: "unsilence" }, now);
    }
    if (alert.state === "silenced" && alert.silencedUntil !== stored.alert.silencedUntil) {
      timeline?.record(alert.fingerprint, "silenced", now, {
        until: alert.silencedUntil ?? null,
        by: silence?.createdBy ?? null,
      });
    } else if (alert.state !== "silenced" && stored.alert.state === "silenced") {
      timeline?.record(alert.fingerprint, "unsilenced", now);
    }
    stored.alert = alert;
    stored.inhibitedBy = alert.state === "firing" ? inhibitor.inhibitedBy(alert, active)?.fingerprint : undefined;
    return alert.state === "firing" && stored.inhibitedBy === undefined ? notify(stored, now) : 0;
  };

  const ingestOne = (incoming: Alert, now: Date): number => {
    const existing = alerts.get(incoming.fingerprint);
    const { receivers, escalation } = route(incoming.labels);
    const sameEpisode = existing?.alert.startsAt === incoming.startsAt;
    if (incoming.state === "resolved") {
      if (!existing) {
        alerts.put({ alert: incoming, receivers, escalation, notifiedSteps: 0, inhibitedBy: undefined });
        timeline?.record(incoming.fingerprint, "received", now, { status: "resolved", startsAt: incoming.startsAt });
        return 0;
      }
      // Already resolved, or the end of an episode we no longer hold: nothing to tell anyone.
      if (existing.alert.state === "resolved" || !sameEpisode) return 0;
      const resolved = { ...transition(existing.alert, { type: "resolve" }, now), endsAt: incoming.endsAt };
      let queued = 0;
      for (const receiver of deliveries.firingReceivers(resolved.fingerprint, resolved.startsAt)) {
        if (deliveries.enqueue(resolved, receiver, now)) queued++;
      }
      alerts.put({ ...existing, alert: resolved, inhibitedBy: undefined });
      timeline?.record(resolved.fingerprint, "resolved", now, { endsAt: resolved.endsAt ?? null });
      return queued;
    }
    // A late repeat of a firing episode that has since resolved changes nothing.
    if (existing?.alert.state === "resolved" && sameEpisode) return 0;
    const repeat = existing !== undefined && existing.alert.state !== "resolved" && sameEpisode;
    if (!repeat)
      timeline?.record(incoming.fingerprint, "received", now, { status: "firing", startsAt: incoming.startsAt });
    const stored: StoredAlert = repeat
      ? {
          ...existing,
          receivers,
          escalation,
          alert: { ...existing.alert, annotations: incoming.annotations, generatorURL: incoming.generatorURL },
        }
      : { alert: incoming, receivers, escalation, notifiedSteps: 0, inhibitedBy: undefined };
    const active = alerts.active().map((entry) => entry.alert);
    const queued = settle(stored, [...active, stored.alert], silences.active(now), now);
    alerts.put(stored);
    return queued;
  };

  return {
    ingest: db.transaction((payload: WebhookPayload, now: Date) => {
      let queued = 0;
      for (const webhookAlert of payload.alerts) queued += ingestOne(alertFromWebhook(webhookAlert, now), now);
      return { alerts: payload.alerts.length, queued };
    }),
    acknowledge: db.transaction((fingerprint: string, by: string | undefined, now: Date): StoredAlert => {
      const stored = alerts.get(fingerprint);
      if (!stored) throw new NotFoundError(`no alert with fingerprint ${fingerprint}`);
      const next = { ...stored, alert: transition(stored.alert, { type: "acknowledge", by }, now) };
      alerts.put(next);
      timeline?.record(fingerprint, "acknowledged", now, { by: by ?? null });
      return next;
    }),
    tick: db.transaction((now: Date): number => {
      const activeSilences = silences.active(now);
      const active = alerts.active();
      const activeAlerts = active.map((entry) => entry.alert);
      let queued = 0;
      for (const stored of active) {
        const before = JSON.stringify(stored);
        queued += settle(stored, activeAlerts, activeSilences, now);
        if (JSON.stringify(stored) !== before) alerts.put(stored);
      }
      return queued;
    }),
  };
}
