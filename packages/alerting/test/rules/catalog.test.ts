import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_RUNBOOK_BASE_URL, periscopeRuleGroups, toPrometheusRule } from "../../src/index.js";
import { repositoryRoot } from "./paths.js";

/** The alerts issue 6 lists from the seeds. */
const REQUIRED = [
  "HighErrorRate",
  "CriticalErrorRate",
  "HighLatency",
  "ServiceDown",
  "DatabaseUnhealthy",
  "DatabasePoolNearlyExhausted",
  "NoActiveAgents",
  "TaskQueueDepthHigh",
  "LowCacheHitRate",
  "ScheduledTaskMissed",
  "LLMProviderErrors",
  "ModelSuccessRateDrop",
  "ModelFallbackSpike",
  "CostEstimateDrift",
  "HighPolicyViolationRate",
  "RateLimitApproaching",
  "HighMemoryUsage",
  "DiskSpaceLow",
  "SLOAvailabilityBurn",
  "SLOLatencyBurn",
];

const groups = periscopeRuleGroups({ team: "platform", service: "sample-api" });
const rules = groups.flatMap((group) => group.rules);

describe("the Periscope rule catalog", () => {
  it("has every alert the seeds ask for", () => {
    expect([...new Set(rules.map((rule) => rule.name))].sort()).toEqual([...REQUIRED].sort());
  });

  it("has a promtool case where each rule fires and one where it stays quiet", () => {
    for (const group of groups) {
      for (const rule of group.rules) {
        const cases = (group.tests ?? []).filter((test) => test.alertname === rule.name);
        const fires = cases.some((test) =>
          test.expect.some((alert) => !alert.severity || alert.severity === rule.severity),
        );
        expect(fires, `${rule.name} (${rule.severity}) has no firing case`).toBe(true);
        expect(
          cases.some((test) => test.expect.length === 0),
          `${rule.name} has no quiet case`,
        ).toBe(true);
      }
    }
  });

  it("points every runbook_url at a runbook in this repository with the three sections", () => {
    for (const rule of rules) {
      const url = toPrometheusRule(rule, { runbookBaseUrl: DEFAULT_RUNBOOK_BASE_URL }).annotations as Record<
        string,
        string
      >;
      const runbookUrl = url.runbook_url as string;
      expect(runbookUrl.startsWith(`${DEFAULT_RUNBOOK_BASE_URL}/`), runbookUrl).toBe(true);
      const path = join(repositoryRoot, runbookUrl.slice(DEFAULT_RUNBOOK_BASE_URL.length + 1));
      expect(existsSync(path), `${rule.name}: ${runbookUrl} does not resolve to a file`).toBe(true);
      const text = readFileSync(path, "utf8");
      expect(text, path).toMatch(new RegExp(`^# ${rule.name}\\b`));
      for (const section of ["## What it means", "## How to confirm", "## What to do"])
        expect(text, `${path} lacks ${section}`).toContain(section);
      expect(text, `${path} has no PromQL to run`).toContain("```promql");
    }
  });

  it("labels every rule with severity, team and service and requires a summary and description", () => {
    for (const rule of rules) {
      const rendered = toPrometheusRule(rule, { runbookBaseUrl: DEFAULT_RUNBOOK_BASE_URL });
      expect(Object.keys(rendered.labels as object)).toEqual(expect.arrayContaining(["severity", "team", "service"]));
      expect(Object.keys(rendered.annotations as object)).toEqual(
        expect.arrayContaining(["summary", "description", "runbook_url"]),
      );
    }
  });
});
