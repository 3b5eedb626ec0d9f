import express from "express";
import type { Domain } from "../domain/create-domain.js";
import { createChainBody, listChainsQuery } from "./schemas.js";
import { parse } from "./validation.js";
import { chainView } from "./views.js";

export function chainsRouter({ chains }: Domain): express.Router {
  const router = express.Router();
  router.post("/", (request, response) => {
    const body = parse(createChainBody, request.body ?? {});
    const steps = body.steps.map((step) => ({
      type: step.type,
      priority: step.priority,
      payload: step.payload,
      maxAttempts: step.max_attempts,
    }));
    response.status(201).json(chainView(chains.create(body.name, steps)));
  });
  router.get("/", (request, response) => {
    const query = parse(listChainsQuery, request.query);
    response.json({ chains: chains.list(query.status, query.limit).map(chainView) });
  });
  router.get("/:id", (request, response) => {
    response.json(chainView(chains.get(request.params.id)));
  });
  return router;
}
