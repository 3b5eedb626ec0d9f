// What one benchmark reports: settings, tables, notes and goals. Printed as it goes, and written as JSON to
// BENCH_RESULT_FILE when set, which is how run-all.mjs collects every benchmark into docs/benchmarks.md.
import { writeFileSync } from "node:fs";
import { isQuick } from "./settings.mjs";
import { formatTable } from "./stats.mjs";

export function createReport(id, title) {
  const data = { id, title, quick: isQuick(), settings: [], tables: [], notes: [], goals: [] };
  return {
    data,
    /** One line describing how the benchmark ran (rounds, sizes, pinning). */
    setting(text) {
      data.settings.push(text);
      console.log(text);
    },
    table(caption, header, rows) {
      if (rows.some((row) => row.length !== header.length))
        throw new Error(`table "${caption}": a row has the wrong width`);
      data.tables.push({ caption, header, rows });
      console.log(`\n${caption}\n\n${formatTable(header, rows)}\n`);
    },
    note(text) {
      data.notes.push(text);
      console.log(text);
    },
    /** A goal of the issue: `holds` true, false, or undefined when it could not be measured. */
    goal(description, measured, holds) {
      data.goals.push({ description, measured, holds });
      console.log(`goal: ${description}: ${measured} -> ${verdict(holds)}`);
    },
    publish() {
      const file = process.env.BENCH_RESULT_FILE;
      if (file) writeFileSync(file, JSON.stringify(data, null, 2));
    },
  };
}

export function verdict(holds) {
  if (holds === undefined) return "not measured";
  return holds ? "holds" : "MISSED";
}
