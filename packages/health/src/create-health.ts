import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { CheckFunction, CheckOptions, HealthCheck } from "./check-types.js";
import { createDetailAuthorizer } from "./detail-auth.js";
import { forcedExitCode } from "./exit-codes.js";
import { registerHealthMetrics } from "./metrics.js";
import { type HealthOptions, positive, resolveOptions, signalsOf } from "./options.js";
import { answerProbe, probeKindOf } from "./probes.js";
import { buildReport, type HealthReport } from "./report.js";
import { writeJson } from "./respond.js";
import { ScheduledCheck } from "./scheduled-check.js";
import { runShutdown, type ShutdownResult } from "./shutdown.js";
import type { RegisteredHook, ShutdownHookFunction, ShutdownHookOptions } from "./shutdown-hooks.js";
import { listenForSignals } from "./signals.js";
import type { LifecycleState } from "./status.js";
import { TrackedServer } from "./tracked-server.js";

export interface Health {
  /** The lifecycle state: starting, ready, draining or stopped. */
  readonly state: LifecycleState;
  /** Registers a check; its first run starts now. Throws on a taken name or bad options. */
  addCheck(name: string, check: CheckFunction | HealthCheck, options?: CheckOptions): void;
  /** Initialisation finished: startup passes, readiness follows the checks. */
  markStarted(): void;
  /** Drains and closes this server on shutdown; marks its responses `Connection: close` while draining. */
  attach(server: Server): void;
  /** Shuts down on SIGTERM/SIGINT (or the signals given); a second signal forces exit. Idempotent. */
  installSignalHandlers(signals?: readonly NodeJS.Signals[]): void;
  /** Registers a shutdown hook; hooks run in registration order after the servers closed. */
  onShutdown(name: string, hook: ShutdownHookFunction, options?: ShutdownHookOptions): void;
  /** Runs the shutdown sequence once; later calls return the same promise. Never calls process.exit itself. */
  shutdown(reason?: string): Promise<ShutdownResult>;
  /** Answers a health path from the cache and returns true; returns false for any other path. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** Runs every check now (a pending run is not duplicated) and resolves when all have a result. */
  refresh(): Promise<void>;
  /** The full detail, as an authorized caller of the detail endpoint sees it. */
  report(): HealthReport;
}

/** Creates a health handle. Nothing starts until checks are added, servers attached or signals installed. */
export function createHealth(options: HealthOptions = {}): Health {
  const settings = resolveOptions(options);
  const checks = new Map<string, ScheduledCheck>();
  const hooks: RegisteredHook[] = [];
  const servers: TrackedServer[] = [];
  const authorize = createDetailAuthorizer(settings.detailToken);
  let state: LifecycleState = "starting";
  let started = false;
  let shutdownPromise: Promise<ShutdownResult> | undefined;
  let removeSignalListeners: (() => void) | undefined;
  let unregisterMetrics: (() => void) | undefined;

  const setState = (next: LifecycleState) => {
    const previous = state;
    if (previous === next) return;
    state = next;
    try {
      options.onStateChange?.(next, previous);
    } catch (error) {
      settings.onError(error);
    }
  };

  const report = (): HealthReport =>
    buildReport({
      state,
      version: settings.version,
      checks: [...checks.values()].map((check) => ({ name: check.name, result: check.result })),
    });

  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdownPromise) {
      settings.onError(new Error(`@periscope/health: second ${signal} during shutdown, exiting now`));
      settings.exit(forcedExitCode(signal));
      return;
    }
    health.shutdown(`signal ${signal}`).then(
      (result) => settings.exit(result.exitCode),
      (error: unknown) => {
        settings.onError(error);
        settings.exit(1);
      },
    );
  };

  const health: Health = {
    get state() {
      return state;
    },

    addCheck(name, check, checkOptions = {}) {
      if (typeof name !== "string" || name.trim() === "") {
        throw new TypeError("@periscope/health: addCheck needs a non-empty name");
      }
      if (checks.has(name)) throw new Error(`@periscope/health: a check named "${name}" is already registered`);
      const normalized: HealthCheck | undefined =
        typeof check === "function" ? { run: check } : typeof check?.run === "function" ? check : undefined;
      if (!normalized) {
        throw new TypeError(`@periscope/health: check "${name}" must be a function or an object with run()`);
      }
      if (state === "stopped") throw new Error(`@periscope/health: cannot add check "${name}" after shutdown`);
      const scheduled = new ScheduledCheck(name, normalized, {
        critical: checkOptions.critical ?? true,
        timeoutMs: positive(checkOptions.timeoutMs ?? settings.checkTimeoutMs, `check "${name}" timeoutMs`),
        intervalMs: positive(checkOptions.intervalMs ?? settings.checkIntervalMs, `check "${name}" intervalMs`),
      });
      checks.set(name, scheduled);
      scheduled.start();
    },

    markStarted() {
      started = true;
      if (state === "starting") setState("ready");
    },

    attach(server) {
      if (typeof server?.close !== "function" || typeof server.closeIdleConnections !== "function") {
        throw new TypeError("@periscope/health: attach(server) needs a node:http or node:https server");
      }
      if (servers.some((tracked) => tracked.server === server)) return;
      const tracked = new TrackedServer(server);
      if (state === "draining") tracked.beginDraining();
      servers.push(tracked);
    },

    installSignalHandlers(signals) {
      if (removeSignalListeners || state === "stopped") return;
      removeSignalListeners = listenForSignals(signalsOf(signals ?? true) ?? [], onSignal);
    },

    onShutdown(name, hook, hookOptions = {}) {
      if (typeof name !== "string" || name.trim() === "") {
        throw new TypeError("@periscope/health: onShutdown needs a non-empty name");
      }
      if (typeof hook !== "function")
        throw new TypeError(`@periscope/health: shutdown hook "${name}" must be a function`);
      const timeoutMs =
        hookOptions.timeoutMs === undefined ? undefined : positive(hookOptions.timeoutMs, `hook "${name}" timeoutMs`);
      hooks.push({ name, run: hook, timeoutMs });
    },

    shutdown(reason = "shutdown() called") {
      shutdownPromise ??= runShutdown({
        reason,
        drainDelayMs: settings.drainDelayMs,
        requestDeadlineMs: settings.requestDeadlineMs,
        hookTimeoutMs: settings.hookTimeoutMs,
        hooksTimeoutMs: settings.hooksTimeoutMs,
        servers: () => servers,
        hooks,
        onError: settings.onError,
        beginDraining: () => setState("draining"),
        finish: () => {
          for (const check of checks.values()) check.stop();
          setState("stopped");
          unregisterMetrics?.();
          unregisterMetrics = undefined;
          removeSignalListeners?.();
        },
      });
      return shutdownPromise;
    },

    handle(request, response) {
      const kind = probeKindOf(request.url, settings.basePath);
      if (!kind) return false;
      try {
        if (request.method !== "GET" && request.method !== "HEAD") {
          writeJson(request, response, 405, { error: "method not allowed" }, { Allow: "GET, HEAD" });
          return true;
        }
        const answer = answerProbe(kind, {
          report: report(),
          started,
          authorized: kind === "detail" && authorize(request.headers.authorization),
        });
        writeJson(request, response, answer.statusCode, answer.body);
      } catch (error) {
        settings.onError(error);
        if (!response.headersSent) writeJson(request, response, 500, { status: "fail" });
      }
      return true;
    },

    async refresh() {
      await Promise.all([...checks.values()].map((check) => check.run()));
    },

    report,
  };

  if (options.registry !== undefined) {
    unregisterMetrics = registerHealthMetrics(options.registry, {
      report,
      skippedRuns: () => [...checks.values()].map((check) => [check.name, check.skippedRuns] as [string, number]),
    });
  }
  for (const server of serversOf(options.server)) health.attach(server);
  if (settings.signals) health.installSignalHandlers(settings.signals);
  return health;
}

function serversOf(server: HealthOptions["server"]): readonly Server[] {
  if (server === undefined) return [];
  return Array.isArray(server) ? server : [server as Server];
}
