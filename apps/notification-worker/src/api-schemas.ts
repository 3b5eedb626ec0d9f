import { compileMatcher } from "@periscope/alerting/channels";
import { z } from "zod";
import { DELIVERY_STATES } from "./deliveries-repository.js";

export const silenceSchema = z.strictObject({
  matchers: z
    .array(
      z.string().superRefine((matcher, context) => {
        try {
          compileMatcher(matcher);
        } catch (error) {
          context.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    )
    .min(1)
    .max(20),
  endsAt: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), "must be an RFC 3339 date")
    .refine((value) => Date.parse(value) > Date.now(), "must be in the future"),
  createdBy: z.string().min(1).max(200),
  comment: z.string().min(1).max(2000),
});

export const ackSchema = z.strictObject({ by: z.string().min(1).max(200).optional() });

export const alertsQuerySchema = z.object({
  state: z.enum(["firing", "acknowledged", "resolved", "silenced"]).optional(),
});

export const deliveriesQuerySchema = z.object({
  state: z.enum(DELIVERY_STATES as [string, ...string[]]).optional(),
  fingerprint: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
