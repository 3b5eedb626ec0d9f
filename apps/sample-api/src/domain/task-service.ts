import { randomUUID } from "node:crypto";
import { traced } from "@periscope/tracing";
import type { AgentService } from "./agent-service.js";
import type { AgentsStore, LoadedAgent } from "./agents-store.js";
import type { DomainMetrics } from "./domain-metrics.js";
import { DomainError, notFound } from "./errors.js";
import { LlmPolicyError } from "./llm-policy.js";
import { LlmError, type SimulatedLlm } from "./llm-provider.js";
import { chooseAgent, eligibleAgents } from "./routing.js";
import type { DomainSettings } from "./settings.js";
import { taskAttributes } from "./task-attributes.js";
import { createFailAttempt } from "./task-failures.js";
import type { Priority, RoutingStrategy, Task, TaskFilter, TasksStore } from "./tasks-store.js";

export interface NewTask {
  type: string;
  priority: Priority;
  payload?: unknown;
  maxAttempts?: number | undefined;
  routingStrategy?: RoutingStrategy | undefined;
  chainId?: string;
  chainStep?: number;
  scheduleId?: string;
}

export interface TaskServiceOptions {
  tasks: TasksStore;
  agentsStore: AgentsStore;
  agents: AgentService;
  llm: SimulatedLlm;
  metrics: DomainMetrics;
  settings: DomainSettings;
  now: () => number;
  onError: (error: unknown) => void;
  /** Runs background polls with their query spans unrecorded (DataAccess.quietly). */
  quietly: <T>(fn: () => T) => T;
}

const DISPATCH_BATCH = 200;

export function createTaskService(options: TaskServiceOptions) {
  const { tasks, agentsStore, agents, llm, metrics, settings, now, onError, quietly } = options;
  const finishedListeners: Array<(task: Task) => void> = [];

  function finished(task: Task) {
    for (const listener of finishedListeners) {
      try {
        listener(task);
      } catch (error) {
        onError(error);
      }
    }
  }

  const failAttempt = createFailAttempt({ tasks, metrics, settings, now, finished });

  function activeAgents(): LoadedAgent[] {
    return agentsStore.active(now() - settings.agentTimeoutMs);
  }

  /** Routes one queued task to an agent among `candidates` (whose load it updates); false when none can take it. */
  function route(task: Task, candidates: LoadedAgent[]): boolean {
    return traced(
      "task.route",
      (span) => {
        const eligible = eligibleAgents(candidates, task.type);
        span.setAttributes({ "task.routing_strategy": task.routingStrategy, "routing.candidates": eligible.length });
        const agent = chooseAgent(eligible, task.routingStrategy);
        if (!agent) {
          span.setAttribute("routing.outcome", "no_agent");
          return false;
        }
        const at = now();
        if (!tasks.assign(task.id, agent.id, task.routingStrategy, at)) {
          span.setAttribute("routing.outcome", "taken");
          return false;
        }
        agent.assigned++;
        span.setAttributes({
          "agent.id": agent.id,
          "agent.trust_score": agent.trustScore,
          "routing.outcome": "assigned",
        });
        const assigned: Task = {
          ...task,
          status: "assigned",
          agentId: agent.id,
          attempts: task.attempts + 1,
          assignedAt: at,
        };
        if (assigned.type.startsWith("llm.")) void callModel(assigned);
        return true;
      },
      { attributes: taskAttributes(task) },
    );
  }

  /** `llm.*` tasks: the service calls the model for the agent and attaches the call to the task (`llm`). */
  async function callModel(task: Task): Promise<void> {
    try {
      await traced(
        "task.llm",
        async (span) => {
          try {
            const call = await llm.complete(JSON.stringify(task.payload ?? {}), task.type);
            span.setAttributes({ "llm.model": call.model, "llm.fallback": call.fallback });
            tasks.setLlm(task, call);
          } catch (error) {
            const current = tasks.get(task.id);
            if (current?.status === "assigned" && current.attempts === task.attempts) {
              const reason = error instanceof LlmPolicyError ? "llm_policy" : "llm_error";
              failAttempt(current, reason, (error as Error).message);
            }
            throw error;
          }
        },
        { attributes: taskAttributes(task) },
      );
    } catch (error) {
      if (!(error instanceof LlmError || error instanceof LlmPolicyError)) onError(error);
    }
  }

  function reportedTask(id: string, agentId: string): Task {
    const task = tasks.get(id);
    if (!task) throw notFound("task", id);
    if (!agents.lookup(agentId)) throw new DomainError(404, `no agent with id ${agentId}`, "agent_id");
    if (task.status !== "assigned" || task.agentId !== agentId) {
      throw new DomainError(
        409,
        `task ${id} is ${task.status}${task.agentId ? ` on agent ${task.agentId}` : ""}, not assigned to agent ${agentId}`,
      );
    }
    return task;
  }

  /** Routes due queued tasks; only tasks some agent can take get a routing span, so idle polls stay quiet. */
  function dispatch(): number {
    const due = quietly(() => tasks.due(now(), DISPATCH_BATCH));
    if (due.length === 0) return 0;
    const candidates = quietly(activeAgents);
    let routed = 0;
    for (const task of due) {
      if (eligibleAgents(candidates, task.type).length > 0 && route(task, candidates)) routed++;
    }
    return routed;
  }

  return {
    onFinished(listener: (task: Task) => void): void {
      finishedListeners.push(listener);
    },
    create(input: NewTask): Task {
      const at = now();
      const task: Task = {
        id: randomUUID(),
        type: input.type,
        priority: input.priority,
        payload: input.payload ?? null,
        status: "queued",
        attempts: 0,
        maxAttempts: input.maxAttempts ?? settings.defaultMaxAttempts,
        routingStrategy: input.routingStrategy ?? settings.routingStrategy,
        agentId: null,
        chainId: input.chainId ?? null,
        chainStep: input.chainStep ?? null,
        scheduleId: input.scheduleId ?? null,
        result: null,
        error: null,
        llm: null,
        notBefore: at,
        createdAt: at,
        assignedAt: null,
        finishedAt: null,
      };
      return traced(
        "task.create",
        (createSpan) => {
          createSpan.setAttribute("task.priority", task.priority);
          tasks.insert(task);
          metrics.tasks.created.inc({ task_type: task.type, priority: task.priority });
          route(task, activeAgents());
          return tasks.get(task.id) as Task;
        },
        { attributes: taskAttributes(task) },
      );
    },
    get(id: string): Task {
      const task = tasks.get(id);
      if (!task) throw notFound("task", id);
      return task;
    },
    list(filter: TaskFilter): Task[] {
      return tasks.list(filter);
    },
    complete(id: string, agentId: string, result: unknown): Task {
      return traced(
        "task.complete",
        (span) => {
          const task = reportedTask(id, agentId);
          span.setAttributes({ ...taskAttributes(task), "task.attempt": task.attempts });
          const at = now();
          if (!tasks.complete(id, agentId, result, at)) throw new DomainError(409, `task ${id} is no longer assigned`);
          metrics.tasks.completed.inc({ task_type: task.type });
          metrics.tasks.duration.observe(
            { task_type: task.type, status: "completed" },
            (at - (task.assignedAt ?? at)) / 1000,
          );
          metrics.agents.tasksCompleted.inc({ agent_id: agentId });
          const completed = tasks.get(id) as Task;
          finished(completed);
          dispatch();
          return completed;
        },
        { attributes: { "task.id": id, "agent.id": agentId } },
      );
    },
    fail(id: string, agentId: string, message: string): Task {
      const task = reportedTask(id, agentId);
      const failed = failAttempt(task, "agent_error", message);
      dispatch();
      return failed;
    },
    /** Fails (and so retries or buries) the tasks of agents that went silent. */
    sweep(): number {
      const stranded = quietly(() => tasks.stranded(now() - settings.agentTimeoutMs));
      for (const task of stranded) {
        failAttempt(task, "timeout", `agent ${task.agentId} sent no heartbeat for ${settings.agentTimeoutMs} ms`);
      }
      return stranded.length;
    },
    dispatch,
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
