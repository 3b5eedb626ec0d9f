import express from "express";
import type { Domain } from "../domain/create-domain.js";
import { DomainError } from "../domain/errors.js";
import { agentsRouter } from "./agents-router.js";
import { chainsRouter } from "./chains-router.js";
import { schedulesRouter } from "./schedules-router.js";
import { tasksRouter } from "./tasks-router.js";
import type { Issue } from "./validation.js";

/** `/api/v1`: agents, tasks, chains, schedules; domain errors become 400/404/409 with a JSON reason. */
export function apiRouter(domain: Domain): express.Router {
  const router = express.Router();
  router.use("/agents", agentsRouter(domain));
  router.use("/tasks", tasksRouter(domain));
  router.use("/chains", chainsRouter(domain));
  router.use("/schedules", schedulesRouter(domain));
  router.use((error: unknown, _request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (!(error instanceof DomainError)) {
      next(error);
      return;
    }
    const issues = (error as DomainError & { issues?: Issue[] }).issues;
    response.status(error.status).json({ error: error.message, field: error.field, issues });
  });
  return router;
}
