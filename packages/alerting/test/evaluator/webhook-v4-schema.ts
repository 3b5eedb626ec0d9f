import { z } from "zod";

const labelSet = z.record(z.string(), z.string());
const rfc3339 = z.iso.datetime({ offset: true });

/** Alertmanager's webhook v4 body, strict: no missing and no extra fields. */
export const webhookAlertSchema = z.strictObject({
  status: z.enum(["firing", "resolved"]),
  labels: labelSet.refine((labels) => typeof labels.alertname === "string", "labels.alertname is required"),
  annotations: labelSet,
  startsAt: rfc3339,
  endsAt: z.union([rfc3339, z.literal("0001-01-01T00:00:00Z")]),
  generatorURL: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
});

export const webhookPayloadSchema = z.strictObject({
  version: z.literal("4"),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string().min(1),
  groupLabels: labelSet,
  commonLabels: labelSet,
  commonAnnotations: labelSet,
  externalURL: z.string(),
  alerts: z.array(webhookAlertSchema).min(1),
});
