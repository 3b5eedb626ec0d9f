import { randomUUID } from "node:crypto";
import type { createTaskMetrics } from "@periscope/metrics";
import express from "express";

const PRIORITIES = new Set(["low", "normal", "high", "critical"]);
const TYPE_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

interface Task {
  id: string;
  type: string;
  priority: string;
  status: "queued";
  createdAt: string;
}

/** Tasks held in memory for now; later issues move them to SQLite with agents, chains and schedules. */
export function tasksRouter(taskMetrics: ReturnType<typeof createTaskMetrics>): express.Router {
  const tasks = new Map<string, Task>();
  const router = express.Router();

  router.get("/", (_request, response) => {
    response.json({ tasks: [...tasks.values()] });
  });

  router.post("/", (request, response) => {
    const { type, priority = "normal" } = (request.body ?? {}) as { type?: unknown; priority?: unknown };
    if (typeof type !== "string" || !TYPE_PATTERN.test(type)) {
      response.status(400).json({ error: "type must be a lowercase identifier of at most 64 characters" });
      return;
    }
    if (typeof priority !== "string" || !PRIORITIES.has(priority)) {
      response.status(400).json({ error: `priority must be one of ${[...PRIORITIES].join(", ")}` });
      return;
    }
    const task: Task = { id: randomUUID(), type, priority, status: "queued", createdAt: new Date().toISOString() };
    tasks.set(task.id, task);
    taskMetrics.created.inc({ task_type: type, priority });
    taskMetrics.inQueue.inc({ priority });
    response.status(201).json(task);
  });

  router.get("/:id", (request, response) => {
    const task = tasks.get(request.params.id);
    if (!task) {
      response.status(404).json({ error: `no task with id ${request.params.id}` });
      return;
    }
    response.json(task);
  });

  return router;
}
