import type { CheckOutcome } from "@periscope/health";
import type { Domain } from "./create-domain.js";

/** Critical: the SQLite file answers `SELECT 1`. */
export function databaseCheck(domain: Domain): () => CheckOutcome {
  return () => {
    domain.data.quietly(domain.data.ping);
    return { status: "pass" };
  };
}

/** Informative: no agents at all is a fresh start (pass); registered agents that all went silent is a warning. */
export function agentsAvailableCheck(domain: Domain): () => CheckOutcome {
  return () => {
    const { registered, active } = domain.data.quietly(domain.agents.counts);
    if (registered === 0) return { status: "pass", message: "no agents registered yet", observedValue: 0 };
    if (active === 0) {
      return { status: "warn", message: `none of ${registered} agents sent a heartbeat recently`, observedValue: 0 };
    }
    return { status: "pass", message: `${active} of ${registered} agents active`, observedValue: active };
  };
}
