import express from "express";
import type { Domain } from "../domain/create-domain.js";
import { completeTaskBody, createTaskBody, failTaskBody, listTasksQuery } from "./schemas.js";
import { parse } from "./validation.js";
import { taskView } from "./views.js";

export function tasksRouter({ tasks }: Domain): express.Router {
  const router = express.Router();
  router.post("/", (request, response) => {
    const body = parse(createTaskBody, request.body ?? {});
    const task = tasks.create({
      type: body.type,
      priority: body.priority,
      payload: body.payload,
      maxAttempts: body.max_attempts,
      routingStrategy: body.routing_strategy,
    });
    response.status(201).json(taskView(task));
  });
  router.get("/", (request, response) => {
    const query = parse(listTasksQuery, request.query);
    const list = tasks.list({
      status: query.status,
      type: query.type,
      agentId: query.agent_id,
      chainId: query.chain_id,
      limit: query.limit,
    });
    response.json({ tasks: list.map(taskView) });
  });
  router.get("/:id", (request, response) => {
    response.json(taskView(tasks.get(request.params.id)));
  });
  router.post("/:id/complete", (request, response) => {
    const body = parse(completeTaskBody, request.body ?? {});
    response.json(taskView(tasks.complete(request.params.id, body.agent_id, body.result)));
  });
  router.post("/:id/fail", (request, response) => {
    const body = parse(failTaskBody, request.body ?? {});
    response.json(taskView(tasks.fail(request.params.id, body.agent_id, body.error)));
  });
  return router;
}
