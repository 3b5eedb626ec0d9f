// CI smoke test of the harness: `node run-all.mjs --quick` end to end. It asserts that every benchmark ran and
// wrote its tables and goals, never what they measured (that depends on the machine and what else runs on it).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCHMARKS } from "../lib/benchmarks.mjs";
import { BEGIN_MARKER, END_MARKER } from "../lib/markdown.mjs";
import { SUITES } from "../lib/suites.mjs";

const RUN_ALL = new URL("../run-all.mjs", import.meta.url).pathname;
const DOCUMENT = new URL("../../docs/benchmarks.md", import.meta.url).pathname;

function tablesOf(markdown) {
  const tables = [];
  let current;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("|")) {
      current ??= [];
      current.push(line);
    } else if (current) {
      tables.push(current);
      current = undefined;
    }
  }
  return tables;
}

const cells = (line) => line.split(/(?<!\\)\|/).slice(1, -1);

describe("pnpm bench --quick", () => {
  let directory;
  let exitCode;
  let log = "";
  let markdown;
  let documentBefore;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "periscope-bench-smoke-"));
    documentBefore = existsSync(DOCUMENT) ? readFileSync(DOCUMENT, "utf8") : undefined;
    const child = spawn(process.execPath, [RUN_ALL, "--quick", "--out", join(directory, "benchmarks.md")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (data) => {
      log += data;
    });
    child.stderr.on("data", (data) => {
      log += data;
    });
    [exitCode] = await once(child, "exit");
    const out = join(directory, "benchmarks.md");
    markdown = existsSync(out) ? readFileSync(out, "utf8") : "";
  }, 300_000);

  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it("completes without a failed benchmark", () => {
    expect(exitCode, log.slice(-6000)).toBe(0);
    expect(markdown).not.toContain("Benchmarks that failed");
    expect(markdown).toContain("Quick mode (CI smoke run)");
  });

  it("writes a section, a table and the settings for every benchmark", () => {
    for (const benchmark of BENCHMARKS) {
      const command = `node bench/${benchmark.script} ${benchmark.args.join(" ")}`.trimEnd();
      expect(markdown, benchmark.id).toContain(`\`${command}\`: `);
    }
    expect(markdown.match(/^### /gm)).toHaveLength(BENCHMARKS.length);
    expect(markdown.indexOf(BEGIN_MARKER)).toBeGreaterThan(-1);
    expect(markdown.indexOf(END_MARKER)).toBeGreaterThan(markdown.indexOf(BEGIN_MARKER));
  });

  it("shows every HTTP variant with its peak RSS, and well-formed tables", () => {
    for (const suite of Object.values(SUITES)) {
      for (const variant of Object.keys(suite.variants))
        expect(markdown).toMatch(new RegExp(`^\\| ${variant} +\\|`, "m"));
    }
    expect(markdown).toContain("peak RSS MB");
    // Linux reports steal time in /proc/stat: each HTTP variant shows a share, not a dash.
    expect(markdown).toMatch(/^\| bare +\|.*\| \d+(\.\d)? % +\|$/m);
    const tables = tablesOf(markdown);
    // Goals, 5 HTTP suites, 2 scrape formats, log lines, spans, redaction, notification worker.
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const table of tables) {
      const width = cells(table[0]).length;
      for (const line of table) expect(cells(line), line).toHaveLength(width);
    }
  });

  it("gives every goal of the issue a verdict", () => {
    const verdicts = markdown.match(/→ \*\*(holds|MISSED|not measured)\*\*/g) ?? [];
    const goals = Object.values(SUITES).reduce((count, suite) => count + suite.goals.length, 0);
    // HTTP goals, plus scrape (4 renders + 2 block goals in quick mode), log lines and spans.
    expect(verdicts.length).toBe(goals + 6 + 1 + 1);
    for (const text of [
      "periscope-full-stack >= 0.7 of bare throughput",
      "never blocks the event loop over 50 ms",
      ">= 60,000 lines/s to a file",
      "drops no span silently",
    ]) {
      expect(markdown).toContain(text);
    }
  });

  it("leaves docs/benchmarks.md alone", () => {
    const documentAfter = existsSync(DOCUMENT) ? readFileSync(DOCUMENT, "utf8") : undefined;
    expect(documentAfter).toBe(documentBefore);
  });
});
