import type { RedactionPolicy } from "@periscope/redact";
import type { Alert } from "../alerts/alert.js";

/** What templates can refer to: `{{labels.service}}`, `{{annotations.summary}}`, `{{value}}`, `{{runbookUrl}}`... */
export interface TemplateContext {
  status: Alert["state"];
  /** FIRING, ACKNOWLEDGED, RESOLVED, SILENCED. */
  statusUpper: string;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `alert.value`, else `annotations.value`, else "". */
  value: string;
  /** `annotations.runbook_url`, else "". */
  runbookUrl: string;
  summary: string;
  description: string;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

/** The template context of an alert, with its labels, annotations, value and links passed through `policy.redact`. */
export function templateContext(alert: Alert, policy: RedactionPolicy): TemplateContext {
  const redacted = policy.redact({
    labels: alert.labels ?? {},
    annotations: alert.annotations ?? {},
    value: alert.value === undefined ? undefined : String(alert.value),
    generatorURL: alert.generatorURL ?? "",
  });
  const annotations = redacted.annotations;
  return {
    status: alert.state,
    statusUpper: String(alert.state).toUpperCase(),
    fingerprint: alert.fingerprint,
    labels: redacted.labels,
    annotations,
    value: redacted.value ?? annotations.value ?? "",
    runbookUrl: annotations.runbook_url ?? "",
    summary: annotations.summary ?? "",
    description: annotations.description ?? "",
    startsAt: alert.startsAt,
    endsAt: alert.endsAt ?? "",
    generatorURL: redacted.generatorURL,
  };
}
