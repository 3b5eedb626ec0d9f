import type { HealthReport } from "./report.js";
import type { LifecycleState } from "./status.js";

export type ProbeKind = "live" | "ready" | "startup" | "detail";

export interface ProbeAnswer {
  statusCode: 200 | 503;
  body: Record<string, unknown>;
}

export interface ProbeInput {
  report: HealthReport;
  started: boolean;
  /** Whether the caller may see check names, messages and the version (detail endpoint only). */
  authorized: boolean;
}

/** Which probe a request path asks for, or undefined when it is not a health path. */
export function probeKindOf(url: string | undefined, basePath: string): ProbeKind | undefined {
  // Every request of the app passes here: most are turned away before anything is allocated.
  const target = url ?? "/";
  if (!target.startsWith(basePath)) return undefined;
  let path = target.split("?", 1)[0] ?? "/";
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  if (path === basePath) return "detail";
  if (!path.startsWith(`${basePath}/`)) return undefined;
  const rest = path.slice(basePath.length + 1);
  return rest === "live" || rest === "ready" || rest === "startup" ? rest : undefined;
}

/** The status code and JSON body of a probe, computed from cached results only. */
export function answerProbe(kind: ProbeKind, input: ProbeInput): ProbeAnswer {
  const { report } = input;
  const state: LifecycleState = report.state;
  switch (kind) {
    case "live":
      return state === "stopped" ? fail({ status: "fail", state }) : pass({ status: "pass", state });
    case "startup":
      return input.started ? pass({ status: "pass", state }) : fail({ status: "fail", state });
    case "ready":
      return answer(report.status !== "fail", { status: report.status, state });
    case "detail":
      return answer(report.status !== "fail", input.authorized ? { ...report } : { status: report.status });
  }
}

function answer(ok: boolean, body: Record<string, unknown>): ProbeAnswer {
  return ok ? pass(body) : fail(body);
}

function pass(body: Record<string, unknown>): ProbeAnswer {
  return { statusCode: 200, body };
}

function fail(body: Record<string, unknown>): ProbeAnswer {
  return { statusCode: 503, body };
}
