import express from "express";
import { bearerGuard } from "./bearer-guard.js";

/**
 * A demo and testing knob, never for production traffic: `errorRate` of /api/v1 requests answer 500
 * before reaching the API, and `dbErrorRate` of database statements fail (see `DatabaseFaults`), so
 * dashboards and alerts can be watched coming alive. One live object, changed by `PUT /debug/chaos`.
 */
export interface Chaos {
  errorRate: number;
  dbErrorRate?: number;
}

/**
 * CHAOS_ERROR_RATE and CHAOS_DB_ERROR_RATE (0 to 1, default 0) and CHAOS_TOKEN (enables `PUT /debug/chaos`);
 * bad values throw.
 */
export function readChaosSettings(environment: NodeJS.ProcessEnv): {
  errorRate: number;
  dbErrorRate: number;
  token?: string;
} {
  const errorRate = readShare(environment, "CHAOS_ERROR_RATE");
  const dbErrorRate = readShare(environment, "CHAOS_DB_ERROR_RATE");
  return environment.CHAOS_TOKEN
    ? { errorRate, dbErrorRate, token: environment.CHAOS_TOKEN }
    : { errorRate, dbErrorRate };
}

function readShare(environment: NodeJS.ProcessEnv, name: string): number {
  const text = environment[name];
  const share = text === undefined || text === "" ? 0 : Number(text);
  if (!isShare(share)) throw new Error(`${name} must be a number from 0 to 1, got "${text}"`);
  return share;
}

function isShare(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1;
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

/**
 * `GET`/`PUT /debug/chaos` (`{"error_rate": 0.5, "db_error_rate": 0.2}`, either or both) behind
 * `Authorization: Bearer <token>`.
 */
export function chaosRouter(chaos: Chaos, token: string): express.Router {
  const router = express.Router();
  router.use("/debug/chaos", bearerGuard(token, "CHAOS_TOKEN"));
  const view = () => ({ error_rate: chaos.errorRate, db_error_rate: chaos.dbErrorRate ?? 0 });
  router.get("/debug/chaos", (_request, response) => {
    response.json(view());
  });
  router.put("/debug/chaos", (request, response) => {
    const body = (request.body ?? {}) as { error_rate?: unknown; db_error_rate?: unknown };
    for (const field of ["error_rate", "db_error_rate"] as const) {
      if (body[field] !== undefined && !isShare(body[field])) {
        response.status(400).json({ error: `${field}: expected a number from 0 to 1`, field });
        return;
      }
    }
    if (body.error_rate === undefined && body.db_error_rate === undefined) {
      response.status(400).json({ error: "expected error_rate or db_error_rate (numbers from 0 to 1)" });
      return;
    }
    if (isShare(body.error_rate)) chaos.errorRate = body.error_rate;
    if (isShare(body.db_error_rate)) chaos.dbErrorRate = body.db_error_rate;
    response.json(view());
  });
  return router;
}
