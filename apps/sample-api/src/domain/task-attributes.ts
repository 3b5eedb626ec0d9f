import type { Task } from "./tasks-store.js";

/** Spans of one task carry these, as the seeds ask. */
export function taskAttributes(task: Task) {
  const attributes: Record<string, string | number> = { "task.id": task.id, "task.type": task.type };
  if (task.agentId) attributes["agent.id"] = task.agentId;
  if (task.chainId) attributes["chain.id"] = task.chainId;
  if (task.chainStep !== null) attributes["chain.step"] = task.chainStep;
  return attributes;
}
