import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MONITORING, runTool } from "./paths.js";

const PROMETHEUS_CONFIG = join(MONITORING, "prometheus/prometheus.yml");
const ALERTMANAGER_CONFIG = join(MONITORING, "alertmanager/alertmanager.yml");

describe("prometheus.yml", () => {
  it("passes promtool check config, rule files included", () => {
    const result = runTool("promtool", ["check", "config", PROMETHEUS_CONFIG]);
    expect(result.output).toContain("is valid prometheus config file syntax");
    expect(result.output).toMatch(/SUCCESS: \d+ rule files found/);
    expect(result.output).not.toMatch(/FAILED|WARNING/);
    expect(result.status).toBe(0);
  });

  it("scrapes the sample API, the worker, node_exporter and itself, and sends to Alertmanager", () => {
    const config = parse(readFileSync(PROMETHEUS_CONFIG, "utf8"));
    const targets = Object.fromEntries(
      config.scrape_configs.map((job: { job_name: string; static_configs: Array<{ targets: string[] }> }) => [
        job.job_name,
        job.static_configs.flatMap((group) => group.targets),
      ]),
    );
    // The job name is the one the ServiceDown rule selects: up{job="sample-api"}.
    expect(targets).toEqual({
      prometheus: ["localhost:9090"],
      "sample-api": ["sample-api:3000"],
      "notification-worker": ["notification-worker:3001"],
      node: ["node-exporter:9100"],
    });
    expect(config.rule_files).toEqual(["rules/*.yml"]);
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).toEqual(["alertmanager:9093"]);
  });
});

describe("alertmanager.yml", () => {
  it("passes amtool check-config", () => {
    const result = runTool("amtool", ["check-config", ALERTMANAGER_CONFIG]);
    expect(result.output).toContain("SUCCESS");
    expect(result.status).toBe(0);
  });

  it("groups by alertname and service and sends every route to the worker's webhook", () => {
    const config = parse(readFileSync(ALERTMANAGER_CONFIG, "utf8"));
    expect(config.route.group_by).toEqual(["alertname", "service"]);
    for (const receiver of config.receivers) {
      expect(receiver.webhook_configs, receiver.name).toEqual([
        { url: "http://notification-worker:3001/webhooks/alertmanager", send_resolved: true },
      ]);
    }
  });

  it.each([
    [["severity=critical", "team=platform"], "platform-critical"],
    [["severity=warning", "team=platform"], "platform"],
    [["severity=critical", "team=data"], "critical"],
    [["severity=warning", "team=data"], "default"],
  ])("routes %j to %s (amtool config routes test)", (labels, receiver) => {
    const result = runTool("amtool", ["config", "routes", "test", `--config.file=${ALERTMANAGER_CONFIG}`, ...labels]);
    expect(result.stdout.trim()).toBe(receiver);
  });

  it("inhibits a warning under a critical of the same alertname and service", () => {
    const config = parse(readFileSync(ALERTMANAGER_CONFIG, "utf8"));
    expect(config.inhibit_rules).toContainEqual({
      source_matchers: ['severity="critical"'],
      target_matchers: ['severity="warning"'],
      equal: ["alertname", "service"],
    });
  });
});
