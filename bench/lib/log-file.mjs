// A log file for a benchmark server: a new temporary directory, the lines written so far, removal at the end.
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const NEWLINE = 0x0a;

/** Newlines in a file, read in small chunks: the server counts them, and its peak RSS is measured. */
function countLines(path) {
  const chunk = Buffer.allocUnsafe(64 * 1024);
  const fd = openSync(path, "r");
  let lines = 0;
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      for (let index = chunk.indexOf(NEWLINE); index !== -1 && index < read; index = chunk.indexOf(NEWLINE, index + 1))
        lines++;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}

export function temporaryLogFile() {
  const directory = mkdtempSync(join(tmpdir(), "periscope-bench-log-"));
  return {
    path: join(directory, "requests.log"),
    /** Lines in the file and its rotated siblings. */
    lines: () => readdirSync(directory).reduce((lines, name) => lines + countLines(join(directory, name)), 0),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
