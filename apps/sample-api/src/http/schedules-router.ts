import express from "express";
import type { Domain } from "../domain/create-domain.js";
import { createScheduleBody, listQuery } from "./schemas.js";
import { parse } from "./validation.js";
import { scheduleView } from "./views.js";

export function schedulesRouter({ schedules }: Domain): express.Router {
  const router = express.Router();
  router.post("/", (request, response) => {
    const body = parse(createScheduleBody, request.body ?? {});
    const schedule = schedules.create({
      name: body.name,
      taskType: body.task_type,
      priority: body.priority,
      payload: body.payload,
      intervalSeconds: body.interval_seconds,
      cron: body.cron,
    });
    response.status(201).json(scheduleView(schedule));
  });
  router.get("/", (request, response) => {
    const { limit } = parse(listQuery, request.query);
    response.json({ schedules: schedules.list(limit).map(scheduleView) });
  });
  router.get("/:id", (request, response) => {
    response.json(scheduleView(schedules.get(request.params.id)));
  });
  router.delete("/:id", (request, response) => {
    schedules.remove(request.params.id);
    response.status(204).end();
  });
  return router;
}
