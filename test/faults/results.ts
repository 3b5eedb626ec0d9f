import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export type ResultArea = "Faults survived" | "Hostile input";

/** One measured outcome of a scenario: what was tried, how many times, and what happened. */
export interface ResultRow {
  area: ResultArea;
  scenario: string;
  tried: string;
  count: number;
  result: string;
}

export const RESULTS_DIRECTORY = fileURLToPath(new URL("./.results/", import.meta.url));

export function areaSlug(area: ResultArea): string {
  return area.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** Appends one JSON line to `.results/<area-slug>.jsonl`; write-report.ts turns them into docs/reliability.md. */
export function recordResult(row: ResultRow): void {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  appendFileSync(join(RESULTS_DIRECTORY, `${areaSlug(row.area)}.jsonl`), `${JSON.stringify(row)}\n`);
}
