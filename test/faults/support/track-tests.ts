import { appendFileSync, mkdirSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach } from "vitest";
import { RESULTS_DIRECTORY } from "../results.js";
import { TESTS_LOG } from "./tests-log.js";

// Registered for every faults test file (setupFiles): write-report.ts writes the page only if all ran and passed.
const faultsDirectory = fileURLToPath(new URL("..", import.meta.url));

beforeEach((context) => {
  context.onTestFinished(({ task }) => {
    mkdirSync(RESULTS_DIRECTORY, { recursive: true });
    const line = {
      file: relative(faultsDirectory, task.file.filepath),
      name: task.name,
      state: task.result?.state ?? "unknown",
    };
    appendFileSync(TESTS_LOG, `${JSON.stringify(line)}\n`);
  });
});
