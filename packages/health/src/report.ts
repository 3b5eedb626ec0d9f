import type { CheckResult } from "./check-types.js";
import { roundTo } from "./durations.js";
import { aggregateChecks, type LifecycleState, type OverallStatus, readinessStatus } from "./status.js";

/** The body of the detail endpoint for an authorized caller. */
export interface HealthReport {
  status: OverallStatus;
  state: LifecycleState;
  version?: string;
  uptime_seconds: number;
  timestamp: string;
  checks: Record<string, CheckResult>;
}

export interface ReportInput {
  state: LifecycleState;
  version: string | undefined;
  checks: Iterable<{ name: string; result: CheckResult }>;
}

export function buildReport(input: ReportInput): HealthReport {
  const checks: Record<string, CheckResult> = {};
  for (const check of input.checks) checks[check.name] = check.result;
  const report: HealthReport = {
    status: readinessStatus(input.state, aggregateChecks(Object.values(checks))),
    state: input.state,
    uptime_seconds: roundTo(process.uptime(), 3),
    timestamp: new Date().toISOString(),
    checks,
  };
  if (input.version !== undefined) report.version = input.version;
  return report;
}
