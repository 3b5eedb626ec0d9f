import type { Metrics } from "@periscope/metrics";
import { createDataAccess, type DataAccess, type DatabaseFaults } from "../storage/data-access.js";
import { DATABASE_FILE, openDatabase } from "../storage/open-database.js";
import { type AgentCache, createAgentCache } from "./agent-cache.js";
import { type AgentService, createAgentService } from "./agent-service.js";
import { createAgentsStore } from "./agents-store.js";
import { type ChainService, createChainService } from "./chain-service.js";
import { createChainsStore } from "./chains-store.js";
import { createDomainMetrics } from "./domain-metrics.js";
import { createSimulatedLlm } from "./llm-provider.js";
import { createScheduler, type Scheduler } from "./scheduler.js";
import { createSchedulesStore } from "./schedules-store.js";
import { DEFAULT_DOMAIN_SETTINGS, type DomainSettings } from "./settings.js";
import { createTaskService, type TaskService } from "./task-service.js";
import { createTasksStore, PRIORITIES } from "./tasks-store.js";

const GAUGE_REFRESH_MS = 1000;

export interface DomainOptions {
  /** Where `sample-api.db` lives; created if missing. */
  dataDir: string;
  metrics: Metrics;
  settings?: Partial<DomainSettings>;
  /** Background failures (a tick that threw, a model call that broke). Default: a process warning. */
  onError?: (error: unknown) => void;
  /** The simulated model provider's dice; Math.random by default. */
  random?: () => number;
  now?: () => number;
  /** The chaos knob's share of statements that fail (a live object: changes apply at once); none by default. */
  faults?: DatabaseFaults;
}

export interface Domain {
  readonly data: DataAccess;
  readonly settings: DomainSettings;
  readonly agents: AgentService;
  /** The agent-lookup cache (for its health check). */
  readonly cache: AgentCache;
  readonly tasks: TaskService;
  readonly chains: ChainService;
  readonly schedules: Scheduler;
  /** Starts the background loop: routing, the timeout sweeper, the scheduler and gauges, every `tickMs`. */
  start(): void;
  /** One pass of the background loop. */
  tick(): void;
  /** Stops the loop and closes the database. Idempotent. */
  shutdown(): Promise<void>;
}

export function createDomain(options: DomainOptions): Domain {
  const settings: DomainSettings = { ...DEFAULT_DOMAIN_SETTINGS, ...options.settings };
  const now = options.now ?? Date.now;
  const report = options.onError ?? ((error: unknown) => process.emitWarning(String(error), "SampleApiWarning"));
  let closed = false;
  // A model call still in flight at shutdown finds the database closed; that is not worth a report.
  const onError = (error: unknown) => {
    if (!closed) report(error);
  };
  const data = createDataAccess(openDatabase(options.dataDir), options.metrics, DATABASE_FILE, options.faults);
  const metrics = createDomainMetrics(options.metrics);

  const agentsStore = createAgentsStore(data);
  const cache = createAgentCache({
    lookup: (id) => agentsStore.get(id),
    metrics: metrics.cache,
    ttlMs: settings.cacheTtlMs,
    maxEntries: 1000,
    now,
  });
  let tasks: TaskService | undefined;
  const agents = createAgentService({
    store: agentsStore,
    cache,
    metrics,
    agentTimeoutMs: settings.agentTimeoutMs,
    now,
    onAvailable: () => tasks?.dispatch(),
  });
  const llm = createSimulatedLlm({
    metrics: metrics.llm,
    errorRate: settings.llmErrorRate,
    latencyMs: settings.llmLatencyMs,
    policy: settings.llmPolicy,
    random: options.random ?? Math.random,
  });
  const tasksStore = createTasksStore(data);
  tasks = createTaskService({
    tasks: tasksStore,
    agentsStore,
    agents,
    llm,
    metrics,
    settings,
    now,
    onError,
    quietly: data.quietly,
  });
  const chains = createChainService({ store: createChainsStore(data), tasks, metrics, now });
  const schedules = createScheduler({
    store: createSchedulesStore(data),
    tasks,
    metrics,
    now,
    onError,
    quietly: data.quietly,
  });
  schedules.publishAll();

  function refreshGauges() {
    const depth = tasksStore.queueDepth();
    for (const priority of PRIORITIES) metrics.tasks.inQueue.set({ priority }, depth.get(priority) ?? 0);
    const counts = agents.counts();
    metrics.agents.registered.set(counts.registered);
    metrics.agents.active.set(counts.active);
    metrics.chains.active.set(chains.running());
    metrics.schedules.registered.set(schedules.enabledCount());
  }

  const service = tasks;
  let timer: NodeJS.Timeout | undefined;
  let gaugesRefreshedAt = 0;
  // Gauges are read from the database about once a second, not on every tick.
  const refreshGaugesSometimes = () => {
    if (now() - gaugesRefreshedAt < GAUGE_REFRESH_MS) return;
    gaugesRefreshedAt = now();
    data.quietly(refreshGauges);
  };

  function tick() {
    if (closed) return;
    for (const step of [service.sweep, schedules.tick, service.dispatch, refreshGaugesSometimes]) {
      try {
        step();
      } catch (error) {
        onError(error);
      }
    }
  }
  data.quietly(refreshGauges);

  return {
    data,
    settings,
    agents,
    cache,
    tasks: service,
    chains,
    schedules,
    start() {
      if (timer || closed) return;
      timer = setInterval(tick, settings.tickMs);
      timer.unref();
    },
    tick,
    async shutdown() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      cache.clear();
      data.close();
    },
  };
}
