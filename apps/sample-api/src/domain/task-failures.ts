import { traced } from "@periscope/tracing";
import type { DomainMetrics } from "./domain-metrics.js";
import { type DomainSettings, retryDelay } from "./settings.js";
import { taskAttributes } from "./task-attributes.js";
import type { Task, TasksStore } from "./tasks-store.js";

/** `llm_policy` is final: the same call would be refused again, so the task dies without a retry. */
export type FailureReason = "agent_error" | "timeout" | "llm_error" | "llm_policy";

export interface FailAttemptOptions {
  tasks: TasksStore;
  metrics: DomainMetrics;
  settings: DomainSettings;
  now: () => number;
  /** Told of a task that failed for good (a chain step, say). */
  finished: (task: Task) => void;
}

/** Ends a failed attempt: back to the queue after a backoff while attempts remain (and retrying can help), else dead. */
export function createFailAttempt({ tasks, metrics, settings, now, finished }: FailAttemptOptions) {
  return function failAttempt(task: Task, reason: FailureReason, message: string): Task {
    return traced(
      "task.fail",
      (span) => {
        const at = now();
        span.setAttributes({ "task.attempt": task.attempts, "task.failure_reason": reason });
        if (task.attempts < task.maxAttempts && reason !== "llm_policy") {
          const notBefore = at + retryDelay(settings, task.attempts);
          if (tasks.requeue(task, message, notBefore)) {
            countFailure(task, reason);
            metrics.tasks.retries.inc({ task_type: task.type });
            span.setAttributes({ "task.status": "queued", "task.retry_at": new Date(notBefore).toISOString() });
          }
        } else if (tasks.bury(task, message, at)) {
          countFailure(task, reason);
          metrics.tasks.failed.inc({ task_type: task.type, reason });
          metrics.tasks.duration.observe(
            { task_type: task.type, status: "failed" },
            (at - (task.assignedAt ?? at)) / 1000,
          );
          span.setAttribute("task.status", "dead");
          finished(tasks.get(task.id) as Task);
        }
        return tasks.get(task.id) as Task;
      },
      { attributes: taskAttributes(task) },
    );
  };

  function countFailure(task: Task, reason: FailureReason) {
    if (task.agentId) metrics.agents.tasksFailed.inc({ agent_id: task.agentId });
    if (reason === "timeout") metrics.tasks.timeouts.inc({ task_type: task.type });
  }
}
