import { z } from "zod";

const name = z
  .string()
  .min(1)
  .regex(/^[a-zA-Z0-9_.-]+$/, "use letters, digits, '_', '.' or '-'");
const url = z.url({ protocol: /^https?$/ });
const matchers = z.array(z.string().min(1));

const receiver = z.discriminatedUnion("type", [
  z.strictObject({ name, type: z.literal("log") }),
  z.strictObject({ name, type: z.literal("slack"), webhookUrl: url }),
  z.strictObject({ name, type: z.literal("pagerduty"), routingKey: z.string().min(1), url: url.optional() }),
  z.strictObject({
    name,
    type: z.literal("webhook"),
    url,
    secret: z.string().min(1),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({
    name,
    type: z.literal("email"),
    smtp: z.strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65_535),
      secure: z.boolean().optional(),
      ignoreTLS: z.boolean().optional(),
      requireTLS: z.boolean().optional(),
      auth: z.strictObject({ user: z.string(), pass: z.string() }).optional(),
    }),
    from: z.string().min(1),
    to: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  }),
]);

export interface RouteInput {
  receiver?: string;
  matchers?: string[];
  continue?: boolean;
  groupBy?: string[] | "...";
  escalation?: string;
  routes?: RouteInput[];
}

const route: z.ZodType<RouteInput> = z.lazy(() =>
  z.strictObject({
    receiver: name.optional(),
    matchers: matchers.optional(),
    continue: z.boolean().optional(),
    groupBy: z.union([z.array(z.string()), z.literal("...")]).optional(),
    escalation: name.optional(),
    routes: z.array(route).optional(),
  }),
);

/** The worker's YAML config file, as validated at start-up. */
export const workerConfigSchema = z.strictObject({
  receivers: z.array(receiver).min(1),
  route: route,
  inhibitRules: z
    .array(z.strictObject({ sourceMatchers: matchers, targetMatchers: matchers, equal: z.array(z.string()) }))
    .optional(),
  escalationPolicies: z
    .array(
      z.strictObject({
        name,
        steps: z.array(z.strictObject({ afterMinutes: z.number().min(0), receivers: z.array(name).min(1) })).min(1),
      }),
    )
    .optional(),
  delivery: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(100).optional(),
      baseDelayMs: z.number().int().min(1).optional(),
      maxDelayMs: z.number().int().min(1).optional(),
      pollIntervalMs: z.number().int().min(10).optional(),
      concurrency: z.number().int().min(1).max(64).optional(),
      timeoutMs: z.number().int().min(1).optional(),
    })
    .optional(),
  escalation: z.strictObject({ intervalMs: z.number().int().min(10).optional() }).optional(),
  queue: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("sqlite") }),
      z.strictObject({
        kind: z.literal("bullmq"),
        url: z.url({ protocol: /^rediss?$/ }),
        name: name.optional(),
      }),
    ])
    .optional(),
});

export type WorkerConfigInput = z.infer<typeof workerConfigSchema>;
export type ReceiverConfig = z.infer<typeof receiver>;

export interface DeliverySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  pollIntervalMs: number;
  concurrency: number;
  timeoutMs: number;
}

/** Where deliveries wait: the worker's own SQLite outbox, or a BullMQ queue on Redis shared by several workers. */
export type QueueSettings = { kind: "sqlite" } | { kind: "bullmq"; url: string; name: string };

export const DEFAULT_BULLMQ_QUEUE_NAME = "periscope-notifications";

/** A validated config with every default filled in. */
export interface WorkerConfig {
  receivers: ReceiverConfig[];
  route: RouteInput;
  inhibitRules: { sourceMatchers: string[]; targetMatchers: string[]; equal: string[] }[] | undefined;
  escalationPolicies: { name: string; steps: { afterMinutes: number; receivers: string[] }[] }[];
  delivery: DeliverySettings;
  escalationIntervalMs: number;
  queue: QueueSettings;
  /** Where it came from: a file path or "built-in default". */
  source: string;
}

export function withDefaults(input: WorkerConfigInput, source: string): WorkerConfig {
  return {
    receivers: input.receivers,
    route: input.route,
    inhibitRules: input.inhibitRules,
    escalationPolicies: input.escalationPolicies ?? [],
    delivery: {
      maxAttempts: input.delivery?.maxAttempts ?? 8,
      baseDelayMs: input.delivery?.baseDelayMs ?? 1000,
      maxDelayMs: input.delivery?.maxDelayMs ?? 5 * 60_000,
      pollIntervalMs: input.delivery?.pollIntervalMs ?? 250,
      concurrency: input.delivery?.concurrency ?? 4,
      timeoutMs: input.delivery?.timeoutMs ?? 10_000,
    },
    escalationIntervalMs: input.escalation?.intervalMs ?? 5000,
    queue:
      input.queue?.kind === "bullmq"
        ? { kind: "bullmq", url: input.queue.url, name: input.queue.name ?? DEFAULT_BULLMQ_QUEUE_NAME }
        : { kind: "sqlite" },
    source,
  };
}
