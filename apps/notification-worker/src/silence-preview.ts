import { compileMatcher } from "@periscope/alerting/channels";
import type { StoredAlert } from "./alerts-repository.js";

export type PreviewResult = { ok: true; alerts: StoredAlert[] } | { ok: false; error: string };

/** Which of the given (unresolved) alerts a silence with these matchers would mute now. */
export function previewSilence(matchers: readonly string[], alerts: readonly StoredAlert[]): PreviewResult {
  if (matchers.length === 0) return { ok: false, error: 'give at least one matcher, e.g. service="api"' };
  if (matchers.length > 20) return { ok: false, error: "at most 20 matchers" };
  let compiled: ReturnType<typeof compileMatcher>[];
  try {
    compiled = matchers.map((matcher) => compileMatcher(matcher));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const muted = alerts.filter(
    (stored) => stored.alert.state !== "resolved" && compiled.every((matcher) => matcher.matches(stored.alert.labels)),
  );
  return { ok: true, alerts: muted };
}

/** Matchers from a textarea or repeated query values: one per line, blank lines dropped. */
export function matcherList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .filter((entry): entry is string => typeof entry === "string")
    .flatMap((entry) => entry.split(/\r?\n/))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}
