import type { WebhookPayload } from "@periscope/alerting/channels";
import { z } from "zod";

const rfc3339 = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "must be an RFC 3339 date");
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const labelSet = z.record(z.string().regex(labelName, "label names match [a-zA-Z_][a-zA-Z0-9_]*"), z.string());
const stringMap = z.record(z.string(), z.string());

const webhookAlert = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: labelSet.refine((labels) => (labels.alertname ?? "") !== "", "labels.alertname is required"),
  annotations: stringMap,
  startsAt: rfc3339,
  endsAt: rfc3339,
  generatorURL: z.string(),
  fingerprint: z.string(),
});

/** Alertmanager's webhook payload, version 4, checked field by field (unknown fields are dropped, so a newer Alertmanager still gets through). */
export const webhookPayloadSchema = z.object({
  version: z.literal("4"),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string(),
  groupLabels: stringMap,
  commonLabels: stringMap,
  commonAnnotations: stringMap,
  externalURL: z.string(),
  alerts: z.array(webhookAlert).min(1).max(1000),
});

export type ParseResult = { ok: true; payload: WebhookPayload } | { ok: false; error: string };

export function parseWebhookPayload(body: unknown): ParseResult {
  const polluted = protoKeyPath(body);
  if (polluted !== undefined) return { ok: false, error: `${polluted || "(body)"}: a "__proto__" key is not allowed` };
  const result = webhookPayloadSchema.safeParse(body);
  if (result.success) return { ok: true, payload: result.data };
  return { ok: false, error: describeIssues(result.error.issues) };
}

/** `alerts[0].labels.alertname: labels.alertname is required; version: ...`, at most five issues. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path) || "(body)"}: ${issue.message}`)
    .join("; ");
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    return out === "" ? String(key) : `${out}.${String(key)}`;
  }, "");
}

/**
 * The path of the first own `__proto__` key (JSON.parse makes one; zod's records drop it silently,
 * so `{"labels":{"__proto__":{...}}}` would pass as valid), or undefined. Iterative: no deep recursion.
 */
export function protoKeyPath(value: unknown): string | undefined {
  const pending: [unknown, PropertyKey[]][] = [[value, []]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, path] = next;
    if (item === null || typeof item !== "object") continue;
    if (Object.hasOwn(item, "__proto__")) return formatPath([...path, "__proto__"]);
    for (const [key, child] of Object.entries(item)) {
      pending.push([child, [...path, Array.isArray(item) ? Number(key) : key]]);
    }
  }
  return undefined;
}
