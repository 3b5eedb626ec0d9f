import type { CheckStatus } from "../check-types.js";

/** pass / warn / fail for a value where higher is worse. */
export function statusAbove(value: number, failAbove: number, warnAbove: number | undefined): CheckStatus {
  if (value > failAbove) return "fail";
  if (warnAbove !== undefined && value > warnAbove) return "warn";
  return "pass";
}

export function requireNumber(value: unknown, option: string, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= min && value <= max) return value;
  const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `between ${min} and ${max}`;
  throw new TypeError(`@periscope/health: ${option} must be a number ${range}, got ${String(value)}`);
}
