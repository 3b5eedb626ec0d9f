import { z } from "zod";
import { parseCron } from "../domain/cron.js";
import { PRIORITIES, ROUTING_STRATEGIES } from "../domain/tasks-store.js";

const MAX_PAYLOAD_BYTES = 16 * 1024;

export const taskType = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, "must be a lowercase identifier of at most 64 characters (a-z, 0-9, _ . -)");
const priority = z.enum(PRIORITIES);
const payload = z
  .record(z.string(), z.unknown())
  .refine(
    (value) => JSON.stringify(value).length <= MAX_PAYLOAD_BYTES,
    `must be at most ${MAX_PAYLOAD_BYTES} bytes of JSON`,
  );
const maxAttempts = z.int().min(1).max(10);
const id = z.string().min(1).max(100);
const limit = z.coerce.number().int().min(1).max(500).default(50);

export const registerAgentBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  capabilities: z
    .array(z.union([taskType, z.literal("*")]))
    .min(1)
    .max(50),
  capacity: z.int().min(1).max(1000),
  trust_score: z.number().min(0).max(1).default(0.5),
});

export const heartbeatBody = z.strictObject({
  active_count: z.int().min(0).max(1_000_000),
  trust_score: z.number().min(0).max(1),
});

export const listQuery = z.strictObject({ limit });

const taskFields = {
  type: taskType,
  priority: priority.default("normal"),
  payload: payload.optional(),
  max_attempts: maxAttempts.optional(),
};

export const createTaskBody = z.strictObject({
  ...taskFields,
  routing_strategy: z.enum(ROUTING_STRATEGIES).optional(),
});

export const listTasksQuery = z.strictObject({
  status: z.enum(["queued", "assigned", "completed", "dead"]).optional(),
  type: taskType.optional(),
  agent_id: id.optional(),
  chain_id: id.optional(),
  limit,
});

export const completeTaskBody = z.strictObject({ agent_id: id, result: z.unknown().optional() });
export const failTaskBody = z.strictObject({ agent_id: id, error: z.string().min(1).max(2000) });

export const createChainBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  steps: z.array(z.strictObject(taskFields)).min(1).max(20),
});

export const listChainsQuery = z.strictObject({
  status: z.enum(["running", "completed", "failed"]).optional(),
  limit,
});

export const createScheduleBody = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 letters, digits, _ . or -"),
    task_type: taskType,
    priority: priority.default("normal"),
    payload: payload.optional(),
    interval_seconds: z
      .int()
      .min(1)
      .max(7 * 24 * 3600)
      .optional(),
    cron: z.string().max(100).optional(),
  })
  .superRefine((value, context) => {
    if ((value.interval_seconds === undefined) === (value.cron === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["interval_seconds"],
        message: "give exactly one of interval_seconds and cron",
      });
      return;
    }
    if (value.cron !== undefined) {
      try {
        parseCron(value.cron);
      } catch (error) {
        context.addIssue({ code: "custom", path: ["cron"], message: (error as Error).message });
      }
    }
  });
