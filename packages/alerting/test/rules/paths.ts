import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const prometheusDirectory = resolve(repositoryRoot, "monitoring/prometheus");
export const PROMTOOL = "/usr/bin/promtool";
export const REGENERATE = "pnpm --filter @periscope/alerting generate-rules";
