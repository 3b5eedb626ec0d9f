import type { LoadedAgent } from "../domain/agents-store.js";
import type { ChainView } from "../domain/chain-service.js";
import type { Chain } from "../domain/chains-store.js";
import type { Schedule } from "../domain/schedules-store.js";
import type { Task } from "../domain/tasks-store.js";

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

export function agentView(agent: LoadedAgent, active: boolean) {
  return {
    id: agent.id,
    name: agent.name,
    capabilities: agent.capabilities,
    capacity: agent.capacity,
    assigned: agent.assigned,
    active_count: agent.activeCount,
    trust_score: agent.trustScore,
    status: active ? "active" : "silent",
    last_heartbeat_at: iso(agent.lastHeartbeatAt),
    created_at: iso(agent.createdAt),
  };
}

export function taskView(task: Task) {
  return {
    id: task.id,
    type: task.type,
    priority: task.priority,
    payload: task.payload,
    status: task.status,
    attempts: task.attempts,
    max_attempts: task.maxAttempts,
    routing_strategy: task.routingStrategy,
    agent_id: task.agentId,
    chain_id: task.chainId,
    chain_step: task.chainStep,
    schedule_id: task.scheduleId,
    result: task.result,
    error: task.error,
    llm: task.llm,
    next_attempt_at: task.status === "queued" && task.attempts > 0 ? iso(task.notBefore) : null,
    created_at: iso(task.createdAt),
    assigned_at: iso(task.assignedAt),
    finished_at: iso(task.finishedAt),
  };
}

export function chainView(chain: Chain | ChainView) {
  const tasks = "tasks" in chain ? new Map(chain.tasks.map((task) => [task.chainStep, task])) : undefined;
  return {
    id: chain.id,
    name: chain.name,
    status: chain.status,
    current_step: chain.currentStep,
    step_count: chain.steps.length,
    created_at: iso(chain.createdAt),
    finished_at: iso(chain.finishedAt),
    ...(tasks && {
      steps: chain.steps.map((step, index) => {
        const task = tasks.get(index);
        return {
          step: index,
          type: step.type,
          priority: step.priority,
          task_id: task?.id ?? null,
          status: task?.status ?? "pending",
        };
      }),
    }),
  };
}

export function scheduleView(schedule: Schedule) {
  return {
    id: schedule.id,
    name: schedule.name,
    task_type: schedule.taskType,
    priority: schedule.priority,
    payload: schedule.payload,
    interval_seconds: schedule.intervalSeconds,
    cron: schedule.cron,
    enabled: schedule.enabled,
    runs: schedule.runs,
    last_result: schedule.lastResult,
    last_run_at: iso(schedule.lastRunAt),
    next_run_at: iso(schedule.nextRunAt),
    created_at: iso(schedule.createdAt),
  };
}
