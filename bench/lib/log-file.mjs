// A log file for a benchmark server: a new temporary directory, the lines written so far, removal at the end.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function temporaryLogFile() {
  const directory = mkdtempSync(join(tmpdir(), "periscope-bench-log-"));
  return {
    path: join(directory, "requests.log"),
    /** Lines in the file and its rotated siblings. */
    lines() {
      let lines = 0;
      for (const name of readdirSync(directory)) {
        const text = readFileSync(join(directory, name), "latin1");
        for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) lines++;
      }
      return lines;
    },
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
