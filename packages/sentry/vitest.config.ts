import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Sentry.init is global per process: every test file runs in its own child process.
    pool: "forks",
    isolate: true,
    testTimeout: 60_000,
  },
});
