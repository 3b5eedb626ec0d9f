import { readFileSync } from "node:fs";
import { compileMatcher } from "@periscope/alerting/channels";
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import { type RouteInput, type WorkerConfig, withDefaults, workerConfigSchema } from "./config-schema.js";
import { formatPath } from "./webhook-schema.js";

/** A config file that cannot be used; the message names the file, the line and the field at fault. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

type Path = readonly (string | number)[];

/** Reads and validates a YAML config file; throws ConfigError naming the line at fault. */
export function loadWorkerConfig(path: string): WorkerConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`WORKER_CONFIG ${path}: cannot read it (${(error as Error).message})`, undefined);
  }
  return parseWorkerConfig(text, path);
}

export function parseWorkerConfig(text: string, source: string): WorkerConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const lineOf = (path: Path) => lineAt(document, lineCounter, path);
  const fail = (path: Path, message: string): never => {
    const line = lineOf(path);
    const where = line === undefined ? source : `${source}:${line}`;
    throw new ConfigError(`${where}: ${formatPath(path) || "(document)"}: ${message}`, line);
  };
  const [syntaxError] = document.errors;
  if (syntaxError) {
    const line = syntaxError.linePos?.[0].line;
    throw new ConfigError(`${source}:${line ?? "?"}: YAML syntax: ${syntaxError.message.split("\n")[0]}`, line);
  }
  const parsed = workerConfigSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []) as Path;
    // An unknown key is reported on its parent by zod: point at the key itself.
    const unknownKey = issue?.code === "unrecognized_keys" ? issue.keys[0] : undefined;
    return fail(unknownKey === undefined ? path : [...path, unknownKey], issue?.message ?? "invalid");
  }
  const config = parsed.data;
  const receivers = new Set<string>();
  config.receivers.forEach((receiver, index) => {
    if (receivers.has(receiver.name))
      fail(["receivers", index, "name"], `receiver "${receiver.name}" is defined twice`);
    receivers.add(receiver.name);
  });
  const policies = new Set((config.escalationPolicies ?? []).map((policy) => policy.name));
  const checkRoute = (route: RouteInput, path: Path) => {
    if (route.receiver !== undefined && !receivers.has(route.receiver)) {
      fail([...path, "receiver"], `unknown receiver "${route.receiver}"`);
    }
    if (route.escalation !== undefined && !policies.has(route.escalation)) {
      fail([...path, "escalation"], `unknown escalation policy "${route.escalation}"`);
    }
    checkMatchers(route.matchers, [...path, "matchers"], fail);
    route.routes?.forEach((child, index) => {
      checkRoute(child, [...path, "routes", index]);
    });
  };
  if (config.route.receiver === undefined) fail(["route"], "the root route needs a receiver (the default)");
  if (config.route.matchers?.length) fail(["route", "matchers"], "the root route matches every alert: no matchers");
  checkRoute(config.route, ["route"]);
  config.inhibitRules?.forEach((rule, index) => {
    checkMatchers(rule.sourceMatchers, ["inhibitRules", index, "sourceMatchers"], fail);
    checkMatchers(rule.targetMatchers, ["inhibitRules", index, "targetMatchers"], fail);
  });
  config.escalationPolicies?.forEach((policy, index) => {
    let previous = 0;
    policy.steps.forEach((step, stepIndex) => {
      const path = ["escalationPolicies", index, "steps", stepIndex];
      if (step.afterMinutes < previous) fail([...path, "afterMinutes"], `must be >= ${previous} (steps are in order)`);
      previous = step.afterMinutes;
      step.receivers.forEach((receiver, receiverIndex) => {
        if (!receivers.has(receiver)) fail([...path, "receivers", receiverIndex], `unknown receiver "${receiver}"`);
      });
    });
  });
  return withDefaults(config, source);
}

function checkMatchers(matchers: string[] | undefined, path: Path, fail: (path: Path, message: string) => never) {
  matchers?.forEach((matcher, index) => {
    try {
      compileMatcher(matcher);
    } catch (error) {
      fail([...path, index], (error as Error).message);
    }
  });
}

/** The 1-based line of the node at `path`, or of its nearest ancestor that exists (for a missing key). */
function lineAt(document: Document, lineCounter: LineCounter, path: Path): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
