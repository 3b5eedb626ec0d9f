import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["release/**/*.test.ts", "repository/**/*.test.ts", "integration/**/*.test.ts"],
    // The release path starts a registry, publishes, installs from npmjs and runs servers: seconds, not
    // milliseconds. Generous ceilings so a slow network fails with a real error instead of a timeout.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
