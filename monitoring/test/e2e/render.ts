import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { MONITORING, RULES } from "../paths.js";

interface Rule {
  alert?: string;
  expr: string;
  for?: string;
}

/**
 * The one change made to the generated rules: HighErrorRate (`for: 5m` over a 5m window, sized for
 * production) gets `for: 0s` and a 15s window, so one short burst fires it and healthy traffic resolves it
 * within seconds. Everything else (its threshold, labels, annotations, every other rule) is copied as generated.
 */
export const TEST_ERROR_RATE_WINDOW = "15s";

export function renderRules(directory: string): string {
  mkdirSync(directory, { recursive: true });
  let changed = 0;
  for (const file of readdirSync(RULES).filter((name) => name.endsWith(".yml"))) {
    const document = parse(readFileSync(join(RULES, file), "utf8")) as { groups: Array<{ rules: Rule[] }> };
    for (const rule of document.groups.flatMap((group) => group.rules)) {
      if (rule.alert !== "HighErrorRate") continue;
      rule.for = "0s";
      rule.expr = rule.expr.replaceAll("[5m]", `[${TEST_ERROR_RATE_WINDOW}]`);
      changed++;
    }
    writeFileSync(join(directory, file), stringify(document));
  }
  if (changed !== 1) throw new Error(`expected one HighErrorRate rule in ${RULES}, found ${changed}`);
  return directory;
}

export interface PrometheusTargets {
  prometheus: string;
  "sample-api": string;
  "notification-worker": string;
  alertmanager: string;
  node: string;
}

/** monitoring/prometheus/prometheus.yml with local targets, 1s intervals and the rendered rules. */
export function renderPrometheusConfig(targets: PrometheusTargets, rulesDirectory: string): string {
  const config = parse(readFileSync(join(MONITORING, "prometheus/prometheus.yml"), "utf8"));
  config.global = { ...config.global, scrape_interval: "1s", scrape_timeout: "1s", evaluation_interval: "1s" };
  config.rule_files = [join(rulesDirectory, "*.yml")];
  config.alerting.alertmanagers[0].static_configs[0].targets = [targets.alertmanager];
  for (const job of config.scrape_configs as Array<{
    job_name: keyof PrometheusTargets;
    static_configs: Array<{ targets: string[] }>;
  }>) {
    const target = targets[job.job_name];
    if (!target) throw new Error(`prometheus.yml has a job this test does not know: ${job.job_name}`);
    job.static_configs[0] = { ...job.static_configs[0], targets: [target] };
  }
  return stringify(config);
}

/** monitoring/alertmanager/alertmanager.yml sending to the local worker, with one-second grouping. */
export function renderAlertmanagerConfig(workerUrl: string): string {
  const config = parse(readFileSync(join(MONITORING, "alertmanager/alertmanager.yml"), "utf8"));
  const fast = { group_wait: "0s", group_interval: "1s", repeat_interval: "24h" };
  config.route = { ...config.route, ...fast };
  for (const route of config.route.routes ?? []) Object.assign(route, fast);
  for (const receiver of config.receivers as Array<{ webhook_configs: Array<{ url: string }> }>) {
    for (const webhook of receiver.webhook_configs) webhook.url = `${workerUrl}/webhooks/alertmanager`;
  }
  return stringify(config);
}

/**
 * The worker's WORKER_CONFIG: every alert to a Slack receiver at `slackUrl` and to a PagerDuty receiver at
 * `downUrl` (always down). Three attempts with short backoff: Slack's refused first attempt is
 * retried and delivered, every PagerDuty delivery is dead-lettered within seconds.
 */
export function renderWorkerConfig(slackUrl: string, downUrl: string): string {
  return stringify({
    receivers: [
      { name: "slack", type: "slack", webhookUrl: slackUrl },
      { name: "pagerduty-down", type: "pagerduty", routingKey: "e2e-routing-key", url: downUrl },
    ],
    route: {
      receiver: "slack",
      groupBy: ["alertname", "service"],
      routes: [{ receiver: "pagerduty-down", continue: true }, { receiver: "slack" }],
    },
    delivery: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1000, pollIntervalMs: 100, timeoutMs: 5000 },
  });
}
