import { rmSync } from "node:fs";
import { RESULTS_DIRECTORY } from "./results.js";
import { REPORT_PATH, writeReport } from "./write-report.js";

/** Clears the rows of the last run; at the end, turns this run's rows into docs/reliability.md. */
export default function setup(): () => void {
  rmSync(RESULTS_DIRECTORY, { recursive: true, force: true });
  return () => {
    const outcome = writeReport();
    if (outcome.written) console.log(`faults: ${outcome.rows} result rows written to ${REPORT_PATH}`);
    else console.log(`faults: ${REPORT_PATH} left unchanged: ${outcome.reason}`);
  };
}
