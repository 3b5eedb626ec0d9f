import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.mjs"],
    // The smoke run starts about thirty processes; on a busy CI machine that takes minutes, not seconds.
    testTimeout: 300_000,
    hookTimeout: 30_000,
  },
});
