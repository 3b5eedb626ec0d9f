import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The release path starts a registry, publishes, installs from npmjs and runs servers: seconds, not
    // milliseconds. Generous ceilings so a slow network fails with a real error instead of a timeout.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "repository",
          include: ["release/**/*.test.ts", "repository/**/*.test.ts", "integration/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          // Faults survived and hostile input tried (test/faults/README.md): rows into docs/reliability.md.
          name: "faults",
          include: ["faults/**/*.test.ts"],
          globalSetup: ["faults/global-setup.ts"],
          setupFiles: ["faults/support/track-tests.ts"],
        },
      },
    ],
  },
});
