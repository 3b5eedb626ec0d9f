import { defineConfig } from "tsup";

// Only the generator script is built: monitoring/ is a private package of assets, not a library.
export default defineConfig({
  entry: { generate: "dashboards/generate.ts" },
  format: ["esm"],
  sourcemap: true,
  clean: true,
  target: "node20",
});
