import { join } from "node:path";
import { RESULTS_DIRECTORY } from "../results.js";

/** `.results/_tests.jsonl`: one line per finished faults test (file, name, state), read by the report writer. */
export const TESTS_LOG = join(RESULTS_DIRECTORY, "_tests.jsonl");
