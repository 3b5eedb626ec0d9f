// Writes monitoring/grafana/dashboards/*.json (run through `pnpm --filter @periscope/monitoring generate-dashboards`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDashboardFiles } from "./index.js";

const monitoring = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const output = join(monitoring, "grafana/dashboards");
const files = buildDashboardFiles(join(monitoring, "prometheus/rules"));
mkdirSync(output, { recursive: true });
const wanted = new Set(files.map((file) => file.name));
for (const name of readdirSync(output)) {
  if (name.endsWith(".json") && !wanted.has(name)) rmSync(join(output, name));
}
for (const file of files) writeFileSync(join(output, file.name), file.contents);
process.stdout.write(`wrote ${files.length} dashboards under ${output}\n`);
