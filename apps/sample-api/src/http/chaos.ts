import { createHash, timingSafeEqual } from "node:crypto";
import express from "express";

/**
 * A demo and testing knob, never for production traffic: this share of /api/v1 requests answers 500
 * before reaching the API, so dashboards and the HighErrorRate alert can be watched coming alive.
 */
export interface Chaos {
  errorRate: number;
}

/** CHAOS_ERROR_RATE (0 to 1, default 0) and CHAOS_TOKEN (enables `PUT /debug/chaos`); bad values throw. */
export function readChaosSettings(environment: NodeJS.ProcessEnv): { errorRate: number; token?: string } {
  const text = environment.CHAOS_ERROR_RATE;
  const errorRate = text === undefined || text === "" ? 0 : Number(text);
  if (!Number.isFinite(errorRate) || errorRate < 0 || errorRate > 1) {
    throw new Error(`CHAOS_ERROR_RATE must be a number from 0 to 1, got "${text}"`);
  }
  return environment.CHAOS_TOKEN ? { errorRate, token: environment.CHAOS_TOKEN } : { errorRate };
}

/** Answers 500 to `chaos.errorRate` of the requests it sees; passes the rest on. */
export function chaosMiddleware(chaos: Chaos): express.RequestHandler {
  return (_request, response, next) => {
    if (chaos.errorRate > 0 && Math.random() < chaos.errorRate) {
      response.status(500).json({ error: "injected by CHAOS_ERROR_RATE (a demo knob)" });
      return;
    }
    next();
  };
}

/** `GET`/`PUT /debug/chaos` (`{"error_rate": 0.5}`) behind `Authorization: Bearer <token>`. */
export function chaosRouter(chaos: Chaos, token: string): express.Router {
  const router = express.Router();
  const expected = digest(token);
  router.use("/debug/chaos", (request, response, next) => {
    const presented = /^Bearer (.+)$/.exec(request.get("authorization") ?? "")?.[1];
    if (presented === undefined || !timingSafeEqual(expected, digest(presented))) {
      response.status(401).json({ error: "missing or wrong bearer token (CHAOS_TOKEN)" });
      return;
    }
    next();
  });
  router.get("/debug/chaos", (_request, response) => {
    response.json({ error_rate: chaos.errorRate });
  });
  router.put("/debug/chaos", (request, response) => {
    const rate = (request.body as { error_rate?: unknown } | undefined)?.error_rate;
    if (typeof rate !== "number" || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      response.status(400).json({ error: "error_rate: expected a number from 0 to 1", field: "error_rate" });
      return;
    }
    chaos.errorRate = rate;
    response.json({ error_rate: chaos.errorRate });
  });
  return router;
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
