import type { IncomingMessage, ServerResponse } from "node:http";
import type { Health } from "./create-health.js";

type Next = (error?: unknown) => void;

/**
 * The probes as Express middleware (Express 4 and 5): `app.use(healthRouter(health))` answers
 * `/health`, `/health/live`, `/health/ready` and `/health/startup` (under the handle's basePath,
 * relative to where it is mounted) and passes every other request on.
 */
export function healthRouter(health: Pick<Health, "handle">) {
  if (typeof health?.handle !== "function") {
    throw new TypeError("@periscope/health: healthRouter(health) needs the handle returned by createHealth()");
  }
  return function periscopeHealth(request: IncomingMessage, response: ServerResponse, next: Next): void {
    if (!health.handle(request, response)) next();
  };
}
