import express from "express";
import type { Domain } from "../domain/create-domain.js";
import { heartbeatBody, listQuery, registerAgentBody } from "./schemas.js";
import { parse } from "./validation.js";
import { agentView } from "./views.js";

export function agentsRouter({ agents }: Domain): express.Router {
  const router = express.Router();
  router.post("/", (request, response) => {
    const body = parse(registerAgentBody, request.body ?? {});
    const agent = agents.register({
      name: body.name,
      capabilities: body.capabilities,
      capacity: body.capacity,
      trustScore: body.trust_score,
    });
    response.status(201).json(agentView(agent, true));
  });
  router.get("/", (request, response) => {
    const { limit } = parse(listQuery, request.query);
    response.json({ agents: agents.list(limit).map((agent) => agentView(agent, agents.isActive(agent))) });
  });
  router.get("/:id", (request, response) => {
    const agent = agents.get(request.params.id);
    response.json(agentView(agent, agents.isActive(agent)));
  });
  router.post("/:id/heartbeat", (request, response) => {
    const body = parse(heartbeatBody, request.body ?? {});
    const agent = agents.heartbeat(request.params.id, body.active_count, body.trust_score);
    response.json(agentView(agent, true));
  });
  return router;
}
