import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RESULTS_DIRECTORY, type ResultArea, type ResultRow } from "./results.js";
import { faultsMode } from "./support/mode.js";
import { TESTS_LOG } from "./support/tests-log.js";

const faultsDirectory = fileURLToPath(new URL(".", import.meta.url));
export const REPORT_PATH = fileURLToPath(new URL("../../docs/reliability.md", import.meta.url));
const AREAS: readonly ResultArea[] = ["Faults survived", "Hostile input"];

interface TestLine {
  file: string;
  name: string;
  state: string;
}

function readJsonLines<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/**
 * Why the report must not be written now: a faults test failed, or some test files did not run (a filtered
 * run would publish a partial table). Undefined when every faults test file ran and every test passed.
 */
export function reasonNotToWrite(tests: readonly TestLine[]): string | undefined {
  const failed = tests.filter((test) => test.state !== "pass");
  if (failed.length > 0) {
    return `${failed.length} faults test(s) did not pass: ${failed.map((test) => `${test.file} > ${test.name} (${test.state})`).join("; ")}`;
  }
  const ran = new Set(tests.map((test) => test.file));
  const missing = readdirSync(faultsDirectory)
    .filter((file) => file.endsWith(".test.ts"))
    .filter((file) => !ran.has(file));
  if (missing.length > 0) return `not every faults test file ran (missing: ${missing.join(", ")})`;
  return undefined;
}

const cell = (text: string | number) => String(text).replaceAll("|", "\\|").replaceAll("\n", " ");

/** Renders the rows recorded in .results into the Markdown page. */
export function renderReport(rows: readonly ResultRow[], tests: readonly TestLine[], now = new Date()): string {
  const mode = faultsMode();
  const lines = [
    "# Reliability: faults survived, hostile input tried",
    "",
    "Written by `test/faults` (see `test/faults/README.md`) from the rows its scenarios record: every count and",
    "every figure below was measured in that run, none is typed in. The page is rewritten only by a run in",
    "which every faults test file ran and every faults test passed; a failing or partial run leaves it as it was.",
    "",
    `- Generated: ${now.toISOString()}`,
    `- Node: ${process.version} on ${process.platform}/${process.arch}`,
    `- Mode: ${mode.name}${mode.soak ? " (FAULTS_SOAK=1: longer durations, more alerts)" : " (seconds per scenario; FAULTS_SOAK=1 for the soak)"}`,
    `- Tests: ${tests.length} passed in ${new Set(tests.map((test) => test.file)).size} files`,
    "",
  ];
  for (const area of AREAS) {
    const ofArea = rows.filter((row) => row.area === area);
    if (ofArea.length === 0) continue;
    lines.push(`## ${area}`, "", "| Scenario | What was tried | How many | Result |", "| --- | --- | ---: | --- |");
    for (const row of ofArea) {
      lines.push(`| ${cell(row.scenario)} | ${cell(row.tried)} | ${cell(row.count)} | ${cell(row.result)} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** Writes docs/reliability.md from .results when the run allows it; returns what it did. */
export function writeReport(): { written: boolean; reason?: string; rows: number } {
  const tests = readJsonLines<TestLine>(TESTS_LOG);
  const rows = existsSync(RESULTS_DIRECTORY)
    ? readdirSync(RESULTS_DIRECTORY)
        .filter((file) => file.endsWith(".jsonl") && !file.startsWith("_"))
        .sort()
        .flatMap((file) => readJsonLines<ResultRow>(join(RESULTS_DIRECTORY, file)))
        .sort((a, b) => a.scenario.localeCompare(b.scenario))
    : [];
  const reason = reasonNotToWrite(tests) ?? (rows.length === 0 ? "no result rows were recorded" : undefined);
  if (reason) return { written: false, reason, rows: rows.length };
  writeFileSync(REPORT_PATH, renderReport(rows, tests));
  return { written: true, rows: rows.length };
}
