import type { Alert } from "../alerts/alert.js";
import { type CompiledMatcher, compileMatchers, type MatcherInput, matchesAll } from "./matchers.js";

export interface InhibitRule {
  /** Alerts that mute (while not resolved). */
  sourceMatchers: MatcherInput[];
  /** Alerts that are muted. */
  targetMatchers: MatcherInput[];
  /** Labels that must have equal values on source and target (absent on both counts as equal). */
  equal: string[];
}

/** A critical alert mutes warnings of the same alertname and service. */
export const DEFAULT_INHIBIT_RULES: readonly InhibitRule[] = Object.freeze([
  { sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="warning"'], equal: ["alertname", "service"] },
]);

type InhibitableAlert = Pick<Alert, "labels" | "fingerprint"> & Partial<Pick<Alert, "state">>;

export interface Inhibitor {
  /** The alert muted by one of `active`, if any. */
  inhibitedBy<A extends InhibitableAlert>(target: A, active: readonly A[]): A | undefined;
  /** Splits alerts into those to notify and those muted by another one of them. */
  filter<A extends InhibitableAlert>(alerts: readonly A[]): { notify: A[]; inhibited: A[] };
}

interface CompiledRule {
  source: CompiledMatcher[];
  target: CompiledMatcher[];
  equal: string[];
}

/** Compiles inhibition rules (default: DEFAULT_INHIBIT_RULES); throws on a malformed matcher. */
export function createInhibitor(rules: readonly InhibitRule[] = DEFAULT_INHIBIT_RULES): Inhibitor {
  if (!Array.isArray(rules)) throw new TypeError("inhibit rules must be an array");
  const compiled: CompiledRule[] = rules.map((rule, index) => {
    if (!Array.isArray(rule?.equal))
      throw new TypeError(`inhibit rule ${index}: equal must be an array of label names`);
    return {
      source: compileMatchers(rule.sourceMatchers),
      target: compileMatchers(rule.targetMatchers),
      equal: [...rule.equal],
    };
  });
  const inhibitedBy = <A extends InhibitableAlert>(target: A, active: readonly A[]): A | undefined => {
    for (const rule of compiled) {
      if (!matchesAll(rule.target, target.labels)) continue;
      const source = active.find(
        (candidate) =>
          candidate.fingerprint !== target.fingerprint &&
          candidate.state !== "resolved" &&
          matchesAll(rule.source, candidate.labels) &&
          rule.equal.every((name) => (candidate.labels[name] ?? "") === (target.labels[name] ?? "")),
      );
      if (source) return source;
    }
    return undefined;
  };
  return {
    inhibitedBy,
    filter(alerts) {
      const notify: (typeof alerts)[number][] = [];
      const inhibited: (typeof alerts)[number][] = [];
      for (const alert of alerts) (inhibitedBy(alert, alerts) ? inhibited : notify).push(alert);
      return { notify, inhibited };
    },
  };
}
