import type { WebhookPayload } from "../alert-payload.js";
import { parseDuration } from "../rules/duration.js";
import { metricName } from "../rules/promql.js";
import type { AlertRule, Condition } from "../rules/types.js";
import { RuleState } from "./alert-state.js";
import { evaluateCondition } from "./conditions.js";
import { createDelivery, type PayloadTarget } from "./deliver.js";
import { toWebhookPayload } from "./payload.js";
import { RingBuffer } from "./ring-buffer.js";
import { type RegistryLike, type Snapshot, takeSnapshot } from "./snapshot.js";

export interface EvaluatorOptions {
  /** A prom-client Registry (anything with `getMetricsAsJSON()`). */
  registry: RegistryLike;
  /** Any rule kind but `promql`. */
  rules: readonly AlertRule[];
  /** Where Alertmanager v4 payloads go: a URL (POST JSON) or a function. */
  target: PayloadTarget;
  /** Prefix of repository-relative runbook paths. */
  runbookBaseUrl: string;
  /** Sampling and evaluation interval. Default 15 s. */
  intervalMs?: number;
  /** Most snapshots kept. Default: enough for the longest window, at most 10 000. */
  maxSamples?: number;
  /** Per-delivery timeout. Default 5 s. */
  timeoutMs?: number;
  receiver?: string;
  externalURL?: string;
  generatorURL?: string;
  /** Collection and delivery failures; the evaluator keeps running. */
  onError?: (error: unknown) => void;
}

export interface AlertStatus {
  alertname: string;
  state: "pending" | "firing";
  labels: Record<string, string>;
  activeAt: Date;
}

export interface Evaluator {
  /** Samples the registry and evaluates every rule once (the interval calls this). */
  evaluate(): Promise<void>;
  /** Alerts pending or firing now. */
  alerts(): AlertStatus[];
  /** Stops sampling and waits for deliveries in flight. Safe to call twice. */
  stop(): Promise<void>;
  shutdown(): Promise<void>;
}

function longestWindowMs(condition: Condition): number {
  switch (condition.kind) {
    case "ratio":
    case "latencyQuantile":
    case "counterRate":
      return parseDuration(condition.window);
    case "burnRate":
      return Math.max(...condition.windows.map((pair) => parseDuration(pair.long)));
    default:
      return 0;
  }
}

function sampleNames(condition: Condition): string[] {
  switch (condition.kind) {
    case "ratio":
      return [...condition.numerator, ...condition.denominator].map(metricName);
    case "latencyQuantile":
      return [`${metricName(condition.histogram)}_bucket`];
    case "gauge":
      return [condition.gauge, ...(condition.divideBy ? [condition.divideBy] : [])].map(metricName);
    case "counterRate":
      return [metricName(condition.counter)];
    case "absent":
      return [metricName(condition.selector)];
    case "burnRate":
      return condition.sli.kind === "errors"
        ? [...condition.sli.errors, ...condition.sli.total].map(metricName)
        : [`${metricName(condition.sli.histogram)}_bucket`, `${metricName(condition.sli.histogram)}_count`];
    default:
      return [];
  }
}

/** Runs rules against a prom-client registry in-process and sends Alertmanager webhook payloads. */
export function createEvaluator(options: EvaluatorOptions): Evaluator {
  if (!options || typeof options.registry?.getMetricsAsJSON !== "function") {
    throw new TypeError("registry must be a prom-client Registry (it needs getMetricsAsJSON())");
  }
  if (typeof options.runbookBaseUrl !== "string") throw new TypeError("runbookBaseUrl is required");
  const intervalMs = options.intervalMs ?? 15_000;
  if (!(Number.isFinite(intervalMs) && intervalMs > 0))
    throw new TypeError(`intervalMs must be a positive number, got ${intervalMs}`);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const deliver = createDelivery(options.target, timeoutMs);
  const onError = options.onError ?? (() => {});
  const context = { runbookBaseUrl: options.runbookBaseUrl, generatorURL: options.generatorURL ?? "" };
  const states = options.rules.map((rule) => {
    if (rule.condition.kind === "promql") {
      throw new TypeError(`rule ${rule.name} is raw PromQL; the in-process evaluator runs every other kind`);
    }
    return new RuleState(rule, parseDuration(rule.for, `rule ${rule.name} for`), context);
  });
  const wanted = new Set(options.rules.flatMap((rule) => sampleNames(rule.condition)));
  const longest = Math.max(intervalMs, ...options.rules.map((rule) => longestWindowMs(rule.condition)));
  const capacity = options.maxSamples ?? Math.min(10_000, Math.ceil(longest / intervalMs) + 2);
  const buffer = new RingBuffer<Snapshot>(capacity);
  const inFlight = new Set<Promise<void>>();
  let running: Promise<void> | undefined;
  let stopped = false;

  const send = (payload: WebhookPayload) => {
    const delivery = deliver(payload)
      .catch(onError)
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  };

  const tick = async () => {
    const now = Date.now();
    try {
      buffer.push(await takeSnapshot(options.registry, wanted, now));
    } catch (error) {
      onError(error);
      buffer.push({ at: now, up: false, samples: new Map() });
    }
    const snapshots = buffer.toArray();
    for (const state of states) {
      try {
        const alerts = state.update(evaluateCondition(state.rule.condition, snapshots, now), now);
        if (alerts.length > 0) {
          send(toWebhookPayload(state.rule.name, alerts, options.receiver ?? "periscope", options.externalURL ?? ""));
        }
      } catch (error) {
        onError(error);
      }
    }
  };

  const evaluate = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= tick().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => void evaluate(), intervalMs);
  timer.unref();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      await Promise.all([...inFlight]);
    })();
    return stopping;
  };

  return {
    evaluate,
    alerts: () =>
      states.flatMap((state) =>
        state.states().map((entry) => ({ alertname: state.rule.name, ...entry, activeAt: new Date(entry.activeAt) })),
      ),
    stop,
    shutdown: stop,
  };
}
