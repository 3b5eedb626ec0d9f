import { alertFingerprint, type WebhookAlert } from "../alert-payload.js";
import { ruleAnnotations, ruleLabels, sorted } from "../rules/render.js";
import { expandTemplate } from "../rules/template.js";
import type { AlertRule } from "../rules/types.js";
import type { ActiveSeries } from "./conditions.js";

const ZERO_TIME = "0001-01-01T00:00:00Z";

interface Tracked {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  activeAt: number;
  firedAt?: number;
}

export interface StateContext {
  runbookBaseUrl: string;
  generatorURL: string;
}

/**
 * Pending -> firing after `for` -> resolved, per label set of one rule. `update` returns the
 * alerts to announce: every firing alert when any of them changed, plus the ones just resolved.
 */
export class RuleState {
  readonly #tracked = new Map<string, Tracked>();

  constructor(
    readonly rule: AlertRule,
    readonly forMs: number,
    readonly context: StateContext,
  ) {}

  update(active: ActiveSeries, now: number): WebhookAlert[] {
    let changed = false;
    const seen = new Set<string>();
    const resolved: WebhookAlert[] = [];
    for (const { labels: seriesLabels, value } of active) {
      const labels = sorted({ ...seriesLabels, ...ruleLabels(this.rule), alertname: this.rule.name });
      const fingerprint = alertFingerprint(labels);
      seen.add(fingerprint);
      const annotations = ruleAnnotations(this.rule, this.context.runbookBaseUrl);
      for (const key of Object.keys(annotations))
        annotations[key] = expandTemplate(annotations[key] as string, seriesLabels, value);
      const tracked: Tracked = this.#tracked.get(fingerprint) ?? { labels, annotations, activeAt: now };
      tracked.annotations = annotations;
      this.#tracked.set(fingerprint, tracked);
      if (tracked.firedAt === undefined && now - tracked.activeAt >= this.forMs) {
        tracked.firedAt = now;
        changed = true;
      }
    }
    for (const [fingerprint, tracked] of this.#tracked) {
      if (seen.has(fingerprint)) continue;
      this.#tracked.delete(fingerprint);
      if (tracked.firedAt === undefined) continue;
      changed = true;
      resolved.push(this.#toAlert(fingerprint, tracked, now));
    }
    if (!changed) return [];
    const firing = [...this.#tracked]
      .filter(([, tracked]) => tracked.firedAt !== undefined)
      .map(([fingerprint, tracked]) => this.#toAlert(fingerprint, tracked));
    return [...firing, ...resolved];
  }

  /** Alerts pending or firing now. */
  states(): Array<{ state: "pending" | "firing"; labels: Record<string, string>; activeAt: number }> {
    return [...this.#tracked.values()].map((tracked) => ({
      state: tracked.firedAt === undefined ? "pending" : "firing",
      labels: tracked.labels,
      activeAt: tracked.activeAt,
    }));
  }

  #toAlert(fingerprint: string, tracked: Tracked, resolvedAt?: number): WebhookAlert {
    return {
      status: resolvedAt === undefined ? "firing" : "resolved",
      labels: tracked.labels,
      annotations: tracked.annotations,
      startsAt: new Date(tracked.firedAt as number).toISOString(),
      endsAt: resolvedAt === undefined ? ZERO_TIME : new Date(resolvedAt).toISOString(),
      generatorURL: this.context.generatorURL,
      fingerprint,
    };
  }
}
