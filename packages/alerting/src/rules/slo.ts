import { parseDuration } from "./duration.js";
import type { AlertRule, BurnWindow, RuleCommon, ServiceLevelIndicator, Severity } from "./types.js";
import { validateRule } from "./validate.js";

/**
 * The SRE workbook's pairs for a 30-day objective: 2% of the budget spent in 1 h (14.4x) or 5% in 6 h
 * (6x) pages; 10% in 1 d (3x) or 10% in 3 d (1x) opens a ticket. Factors scale with the SLO window.
 */
const PAGE = [
  { long: "1h", short: "5m", budgetSpent: 0.02 },
  { long: "6h", short: "30m", budgetSpent: 0.05 },
] as const;
const TICKET = [
  { long: "1d", short: "2h", budgetSpent: 0.1 },
  { long: "3d", short: "6h", budgetSpent: 0.1 },
] as const;

function windows(pairs: typeof PAGE | typeof TICKET, sloWindowMs: number): BurnWindow[] {
  return pairs.map(({ long, short, budgetSpent }) => ({
    long,
    short,
    factor: Number(((budgetSpent * sloWindowMs) / parseDuration(long)).toPrecision(12)),
  }));
}

export interface SloBurnRateOptions extends Omit<RuleCommon, "severity" | "for"> {
  /** 0.999 for 99.9%. */
  objective: number;
  /** The SLO window, default `30d`. */
  window?: string;
  sli: ServiceLevelIndicator;
  page?: { severity?: Severity; for?: string };
  ticket?: { severity?: Severity; for?: string };
}

/**
 * Two alerts with the same name: a fast burn (1h/5m or 6h/30m, label `burn: fast`, critical) and
 * a slow burn (1d/2h or 3d/6h, label `burn: slow`, warning). `$value` is the long window's bad ratio.
 */
export function sloBurnRateRules(options: SloBurnRateOptions): [AlertRule, AlertRule] {
  const { objective, window = "30d", sli, page = {}, ticket = {}, labels, ...common } = options;
  const sloWindowMs = parseDuration(window, `alert rule "${common.name}" window`);
  const make = (burn: "fast" | "slow", severity: Severity, pending: string, pairs: BurnWindow[]): AlertRule =>
    validateRule({
      ...common,
      severity,
      for: pending,
      labels: { ...labels, burn },
      condition: { kind: "burnRate", objective, sli, windows: pairs },
    });
  return [
    make("fast", page.severity ?? "critical", page.for ?? "2m", windows(PAGE, sloWindowMs)),
    make("slow", ticket.severity ?? "warning", ticket.for ?? "15m", windows(TICKET, sloWindowMs)),
  ];
}
