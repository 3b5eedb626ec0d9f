import type { DomainSettings } from "./domain/settings.js";
import { ROUTING_STRATEGIES, type RoutingStrategy } from "./domain/tasks-store.js";

/** The start convention every app in apps/ follows: PORT and HOST, loopback by default. */
export interface ServerConfig {
  port: number;
  host: string;
}

export function readServerConfig(environment: NodeJS.ProcessEnv, defaultPort: number): ServerConfig {
  const port = environment.PORT === undefined || environment.PORT === "" ? defaultPort : Number(environment.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${environment.PORT}"`);
  }
  return { port, host: environment.HOST || "127.0.0.1" };
}

/** DATA_DIR: where the SQLite file lives, `./data` (relative to the working directory) by default. */
export function readDataDir(environment: NodeJS.ProcessEnv): string {
  return environment.DATA_DIR || "./data";
}

/** The domain's tunables from the environment; unset ones keep their defaults, bad ones throw naming the variable. */
export function readDomainSettings(environment: NodeJS.ProcessEnv): Partial<DomainSettings> {
  const settings: Partial<DomainSettings> = {};
  const number = (name: string, min: number, max: number, integer = true): number | undefined => {
    const text = environment[name];
    if (text === undefined || text === "") return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new Error(`${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}, got "${text}"`);
    }
    return value;
  };
  const agentTimeoutMs = number("AGENT_TIMEOUT_MS", 100, 86_400_000);
  if (agentTimeoutMs !== undefined) settings.agentTimeoutMs = agentTimeoutMs;
  const retryBackoffMs = number("RETRY_BACKOFF_MS", 0, 3_600_000);
  if (retryBackoffMs !== undefined) settings.retryBackoffMs = retryBackoffMs;
  const maxAttempts = number("TASK_MAX_ATTEMPTS", 1, 10);
  if (maxAttempts !== undefined) settings.defaultMaxAttempts = maxAttempts;
  const errorRate = number("LLM_ERROR_RATE", 0, 1, false);
  if (errorRate !== undefined) settings.llmErrorRate = errorRate;
  const strategy = environment.ROUTING_STRATEGY;
  if (strategy !== undefined && strategy !== "") {
    if (!(ROUTING_STRATEGIES as readonly string[]).includes(strategy)) {
      throw new Error(`ROUTING_STRATEGY must be one of ${ROUTING_STRATEGIES.join(", ")}, got "${strategy}"`);
    }
    settings.routingStrategy = strategy as RoutingStrategy;
  }
  return settings;
}
