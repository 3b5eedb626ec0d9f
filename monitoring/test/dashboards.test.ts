import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { readAlertRules } from "../dashboards/alert-rules.js";
import { buildDashboardFiles } from "../dashboards/index.js";
import { dashboardQueries, toPlainPromql } from "../dashboards/queries.js";
import { MONITORING, REPOSITORY, RULES, runTool } from "./paths.js";

const files = buildDashboardFiles(RULES);
const committedFolder = join(MONITORING, "grafana/dashboards");
const REGENERATE = "pnpm --filter @periscope/monitoring generate-dashboards";

describe("generated dashboards", () => {
  it("match the committed JSON in grafana/dashboards", () => {
    const committed = readdirSync(committedFolder)
      .filter((name) => name.endsWith(".json"))
      .sort();
    expect(committed, `stale dashboards: run \`${REGENERATE}\``).toEqual(files.map((file) => file.name).sort());
    for (const file of files) {
      const text = readFileSync(join(committedFolder, file.name), "utf8");
      expect(text === file.contents, `${file.name} is stale: run \`${REGENERATE}\``).toBe(true);
    }
  });

  it("cover every dashboard of the issue with distinct uids", () => {
    const uids = files.map((file) => file.dashboard.uid);
    expect(new Set(uids).size).toBe(9);
    expect(files.map((file) => file.name)).toEqual(
      expect.arrayContaining(["service-overview.json", "llm-usage-cost.json", "database-cache.json", "api-keys.json"]),
    );
  });

  it("have the job, instance and environment variables, auto-refresh and alert and deployment annotations", () => {
    for (const { name, dashboard } of files) {
      const variables = (dashboard.templating?.list ?? []).map((variable) => variable.name);
      expect(variables, name).toEqual(expect.arrayContaining(["datasource", "job", "instance", "environment"]));
      expect(dashboard.refresh, name).toBe("30s");
      const annotations = (dashboard.annotations?.list ?? []) as Array<{ name: string; expr?: string }>;
      expect(
        annotations.find((annotation) => annotation.expr?.startsWith("ALERTS{")),
        name,
      ).toBeDefined();
      expect(
        annotations.some((annotation) => /deploy/i.test(annotation.name)),
        name,
      ).toBe(true);
    }
  });

  it("offer the vendor and client variables where the metrics have those labels", () => {
    const variablesOf = (file: string) =>
      files.find((entry) => entry.name === file)?.dashboard.templating?.list?.map((variable) => variable.label);
    expect(variablesOf("llm-usage-cost.json")).toContain("Vendor");
    expect(variablesOf("api-keys.json")).toContain("Client");
  });

  it("show exemplars on every latency (histogram_quantile) panel", () => {
    const service = files.find((file) => file.name === "service-overview.json")?.dashboard;
    const panels = (service?.panels ?? []) as Array<{
      type: string;
      title: string;
      targets?: Array<{ expr: string; exemplar?: boolean }>;
    }>;
    const latency = panels.filter(
      (panel) =>
        panel.type === "timeseries" && panel.targets?.some((target) => target.expr.startsWith("histogram_quantile")),
    );
    expect(latency.length).toBeGreaterThanOrEqual(2);
    for (const panel of latency)
      expect(
        panel.targets?.every((target) => target.exemplar),
        panel.title,
      ).toBe(true);
  });

  it("link every alert of the rules to a runbook file that exists", () => {
    const alerts = readAlertRules(RULES);
    const linked = new Set(
      files.flatMap((file) => JSON.stringify(file.dashboard).match(/docs\/runbooks\/[A-Za-z]+\.md/g) ?? []),
    );
    for (const alert of alerts.keys()) {
      expect(linked, `no dashboard links the runbook of ${alert}`).toContain(`docs/runbooks/${alert}.md`);
      expect(existsSync(join(REPOSITORY, `docs/runbooks/${alert}.md`)), alert).toBe(true);
    }
  });

  it("have PromQL that promtool parses, every expression of every panel, variable and annotation", () => {
    const queries = files.flatMap((file) => dashboardQueries(file.dashboard as never));
    expect(queries.length).toBeGreaterThan(100);
    const rules = queries.map((query, index) => ({
      record: `dashboard:query_${index}`,
      expr: toPlainPromql(query.expr),
    }));
    const file = join(mkdtempSync(join(tmpdir(), "dashboards-")), "queries.yml");
    writeFileSync(file, stringify({ groups: [{ name: "dashboards", rules }] }));
    const result = runTool("promtool", ["check", "rules", file]);
    expect(result.output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(result.status).toBe(0);
  });

  it("fail the promtool parse on a broken expression (the check can fail)", () => {
    const file = join(mkdtempSync(join(tmpdir(), "dashboards-")), "broken.yml");
    writeFileSync(file, stringify({ groups: [{ name: "x", rules: [{ record: "x:y", expr: "sum(rate(up[5m])" }] }] }));
    expect(runTool("promtool", ["check", "rules", file]).status).not.toBe(0);
  });
});
