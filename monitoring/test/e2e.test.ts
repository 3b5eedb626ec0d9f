import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { dashboardQueries, metricNames, toPlainPromql } from "../dashboards/queries.js";
import { EMPTY_ALLOWED, UNSCRAPED_ALLOWED } from "./e2e/allow-list.js";
import { type Recorder, startDownListener, startRecorder } from "./e2e/listener.js";
import {
  freePort,
  type Started,
  startNodeApp,
  startProcess,
  stopAll,
  stopProcess,
  waitFor,
  waitReady,
} from "./e2e/processes.js";
import { exposedNames, prometheusAlerts, prometheusGet, withAllVariables } from "./e2e/prometheus-api.js";
import { renderAlertmanagerConfig, renderPrometheusConfig, renderRules, renderWorkerConfig } from "./e2e/render.js";
import { createFastSchedule, driveSilentAgent } from "./e2e/traffic.js";
import { MONITORING, REPOSITORY, RULES, runTool } from "./paths.js";

// The whole path on 127.0.0.1: sample API and worker (built), Debian's Prometheus, Alertmanager and
// node_exporter with one-second intervals, a Slack stand-in. Needs `pnpm build` of both apps (turbo's ^build)
// and the `prometheus`, `prometheus-alertmanager` and `prometheus-node-exporter` packages.
const work = mkdtempSync(join(tmpdir(), "monitoring-e2e-"));
let slack: Recorder;
let pagerDuty: Awaited<ReturnType<typeof startDownListener>>;
const CHAOS_TOKEN = "e2e-chaos-token";
// The API-keys panels need keyed traffic and rejections: every /api/v1 request carries this key, and the
// simulator's rate-limit bursts (300 requests at once every 10 s) overflow a bucket of 100 refilled at
// 100/s, well above the steady traffic (about 40 requests/s), so only the bursts are rejected.
const API_KEY = "e2e-acme-0123456789abcdef";
let apiUrl = "";
let workerUrl = "";
let prometheusUrl = "";
let alertmanagerUrl = "";
let nodeExporterUrl = "";
let trafficStart = 0;
const WORKER_SCRIPT = join(REPOSITORY, "apps/notification-worker/dist/main.js");

/**
 * Healthy traffic all along: the simulator registers agents, creates tasks, chains, schedules and llm.* calls
 * (some over the model policy's prompt limit), all with the API key, and bursts past the rate limit.
 */
function startSimulator(): void {
  startProcess("simulator", process.execPath, [
    join(REPOSITORY, "apps/sample-api/dist/simulate.js"),
    "--url",
    apiUrl,
    "--rate",
    "8",
    "--error-rate",
    "0.05",
    "--report-every",
    "60",
    "--api-key",
    API_KEY,
    "--rate-limit-burst",
    "300",
    // A task-failure burst at start (agents fail 90% of attempts for 10 s): tasks exhaust their retries and
    // die, which the failure panels show. These are failed tasks, not HTTP errors.
    "--burst",
    "10",
    "--burst-error-rate",
    "0.9",
  ]);
}

/** The rendered files must pass the same checks as the committed ones before anything starts on them. */
function checkConfig(tool: string, args: string[]): void {
  const result = runTool(tool, args);
  if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed:\n${result.output}`);
}

/** Prometheus's instant result for `query` (an empty list when it has no data). */
async function instant(query: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const body = await prometheusGet(prometheusUrl, "/api/v1/query", { query });
  return (body.data?.result ?? []) as Array<{ metric: Record<string, string>; value: [number, string] }>;
}

/**
 * Stops the worker once Prometheus has scraped it and starts it again on its port and data, so the restarts
 * annotation (`changes(process_start_time_seconds[2m]) > 0`) has a real restart to show.
 */
async function restartWorker(first: Started, firstStartedAt: number, env: Record<string, string>): Promise<void> {
  await waitFor("Prometheus to scrape the worker's first life", 30_000, async () =>
    (await instant('process_start_time_seconds{job="notification-worker"}')).length > 0 ? true : undefined,
  );
  await stopProcess(first);
  // process_start_time_seconds counts whole seconds: the second life must start in a later one.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstStartedAt + 2000 - Date.now())));
  const second = await startNodeApp("notification-worker", WORKER_SCRIPT, env);
  expect(second.url).toBe(workerUrl);
  await waitFor("Prometheus to see the worker restart", 30_000, async () =>
    (await instant('changes(process_start_time_seconds{job="notification-worker"}[5m]) > 0')).length > 0
      ? true
      : undefined,
  );
}

beforeAll(async () => {
  // Slack refuses the first message once (500), so the worker retries it; PagerDuty resets every connection.
  slack = await startRecorder({ failFirst: 1 });
  pagerDuty = await startDownListener();
  const workerConfig = join(work, "worker.yaml");
  writeFileSync(workerConfig, renderWorkerConfig(`${slack.url}/services/T000/B000/e2e`, `${pagerDuty.url}/v2/enqueue`));
  // A fixed port, so the worker's second life is the same Prometheus target and Alertmanager receiver.
  const workerEnv = {
    PORT: String(await freePort()),
    DATA_DIR: join(work, "worker-data"),
    WORKER_CONFIG: workerConfig,
    OTEL_TRACES_EXPORTER: "none",
    HEALTH_DRAIN_DELAY_MS: "0",
  };
  const workerStartedAt = Date.now();
  const worker = await startNodeApp("notification-worker", WORKER_SCRIPT, workerEnv);
  workerUrl = worker.url;
  ({ url: apiUrl } = await startNodeApp("sample-api", join(REPOSITORY, "apps/sample-api/dist/main.js"), {
    DATA_DIR: join(work, "api-data"),
    OTEL_TRACES_EXPORTER: "none",
    AGENT_TIMEOUT_MS: "4000",
    // The sample API's demo knob for real 5xx: PUT /debug/chaos sets the share of /api/v1 requests that
    // answer 500 and of database statements that fail (both start at 0), so the burst hits the simulator's
    // real traffic and the API's own queries.
    CHAOS_TOKEN,
    API_KEYS: `acme:${API_KEY}`,
    RATE_LIMIT_PER_MINUTE: "6000",
    RATE_LIMIT_BURST: "100",
  }));

  // Only the filesystem collector: it is what the rules read (DiskSpaceLow), and it is cheap at 1 s scrapes.
  const nodePort = await freePort();
  nodeExporterUrl = `http://127.0.0.1:${nodePort}`;
  const nodeExporter = startProcess("node-exporter", "prometheus-node-exporter", [
    `--web.listen-address=127.0.0.1:${nodePort}`,
    "--collector.disable-defaults",
    "--collector.filesystem",
  ]);

  const alertmanagerPort = await freePort();
  alertmanagerUrl = `http://127.0.0.1:${alertmanagerPort}`;
  writeFileSync(join(work, "alertmanager.yml"), renderAlertmanagerConfig(workerUrl));
  checkConfig("amtool", ["check-config", join(work, "alertmanager.yml")]);
  const alertmanager = startProcess("alertmanager", "prometheus-alertmanager", [
    `--config.file=${join(work, "alertmanager.yml")}`,
    `--storage.path=${join(work, "alertmanager-data")}`,
    `--web.listen-address=127.0.0.1:${alertmanagerPort}`,
    "--cluster.listen-address=",
  ]);

  const prometheusPort = await freePort();
  prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
  const rules = renderRules(join(work, "rules"));
  const host = (url: string) => url.slice("http://".length);
  writeFileSync(
    join(work, "prometheus.yml"),
    renderPrometheusConfig(
      {
        prometheus: `127.0.0.1:${prometheusPort}`,
        "sample-api": host(apiUrl),
        "notification-worker": host(workerUrl),
        alertmanager: `127.0.0.1:${alertmanagerPort}`,
        node: `127.0.0.1:${nodePort}`,
      },
      rules,
    ),
  );
  checkConfig("promtool", ["check", "config", join(work, "prometheus.yml")]);
  const prometheus = startProcess("prometheus", "prometheus", [
    `--config.file=${join(work, "prometheus.yml")}`,
    `--web.listen-address=127.0.0.1:${prometheusPort}`,
    `--storage.tsdb.path=${join(work, "prometheus-data")}`,
  ]);
  await Promise.all([
    waitReady(alertmanager, `${alertmanagerUrl}/-/ready`),
    waitReady(prometheus, `${prometheusUrl}/-/ready`),
    waitReady(nodeExporter, `${nodeExporterUrl}/metrics`),
  ]);
  trafficStart = Date.now() / 1000;
  startSimulator();
  await createFastSchedule(apiUrl, API_KEY);
  await Promise.all([driveSilentAgent(apiUrl, API_KEY, 6000), restartWorker(worker.app, workerStartedAt, workerEnv)]);
}, 120_000);

afterAll(async () => {
  await stopAll();
  await slack?.close();
  await pagerDuty?.close();
  rmSync(work, { recursive: true, force: true });
}, 30_000);

const firingMessages = () => slack.bodies.filter((body) => body.includes(":red_circle:"));
const resolvedMessages = () => slack.bodies.filter((body) => body.includes(":large_green_circle:"));

/**
 * The shares of /api/v1 requests the sample API answers with 500 and of its database statements that fail
 * (its CHAOS_TOKEN-guarded demo knob).
 */
async function setChaos(shares: { error_rate: number; db_error_rate: number }): Promise<void> {
  const response = await fetch(`${apiUrl}/debug/chaos`, {
    method: "PUT",
    headers: { authorization: `Bearer ${CHAOS_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(shares),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(shares);
}

/** The sum of the worker's `notification_deliveries_total` for a receiver and result, as Prometheus has it. */
async function deliveries(channel: string, result: string): Promise<number> {
  const [sample] = await instant(`sum(notification_deliveries_total{channel="${channel}", result="${result}"})`);
  return Number(sample?.value[1] ?? 0);
}

async function workerAlert(state: string) {
  const response = await fetch(`${workerUrl}/alerts?state=${state}`);
  const { alerts } = (await response.json()) as {
    alerts: Array<{ labels: Record<string, string>; fingerprint: string }>;
  };
  return alerts.find((alert) => alert.labels.alertname === "HighErrorRate");
}

describe("monitoring end to end (sample API, worker, Prometheus, Alertmanager on 127.0.0.1)", () => {
  it("fires HighErrorRate on an error burst, notifies Slack once through Alertmanager and the worker, then resolves", async () => {
    // Let Prometheus see healthy traffic first, so the rate has a baseline.
    await waitFor("healthy sample-api traffic in Prometheus", 30_000, async () => {
      const body = await prometheusGet(prometheusUrl, "/api/v1/query", {
        query: 'sum(http_requests_total{job="sample-api"}) > 50',
      });
      return (body.data?.result.length ?? 0) > 0 ? true : undefined;
    });
    expect(
      (await prometheusAlerts(prometheusUrl)).filter((alert) => alert.labels.alertname === "HighErrorRate"),
    ).toEqual([]);

    // Failing database statements during the burst: db_errors_total, and schedule runs that cannot create
    // their task (the e2e schedule is due every second) recorded as failures.
    await setChaos({ error_rate: 0.3, db_error_rate: 0.2 });
    try {
      await waitFor("HighErrorRate firing in Prometheus", 45_000, async () =>
        (await prometheusAlerts(prometheusUrl)).some(
          (alert) => alert.labels.alertname === "HighErrorRate" && alert.state === "firing",
        )
          ? true
          : undefined,
      );
      const stored = await waitFor("the worker to store the firing alert", 30_000, () => workerAlert("firing"));
      expect(stored.labels).toMatchObject({ alertname: "HighErrorRate", service: "sample-api", severity: "warning" });
      await waitFor("the firing message at the Slack listener", 30_000, async () =>
        firingMessages().length > 0 ? true : undefined,
      );
      await waitFor("a failed schedule run and a database error in Prometheus", 30_000, async () =>
        (await instant('sum(scheduled_task_runs_total{result="failure"}) > 0 and sum(db_errors_total) > 0')).length > 0
          ? true
          : undefined,
      );
      // Polled like the rest: a scrape that times out on a loaded host leaves the series stale for a moment.
      await waitFor("more than ten injected 500s in Prometheus", 30_000, async () =>
        (await instant('sum(http_requests_total{job="sample-api", status_code="500"}) > 10')).length > 0
          ? true
          : undefined,
      );
    } finally {
      await setChaos({ error_rate: 0, db_error_rate: 0 });
    }
    const [firing] = firingMessages();
    expect(firing).toContain("More than 5% of HTTP requests fail with 5xx");
    expect(firing).toContain("runbooks/HighErrorRate.md");
    // Slack's refused first attempt was this same message, retried once by the worker.
    expect(slack.rejected).toEqual([firing]);

    // Healthy traffic only: the 15s window empties of 5xx, Prometheus resolves, Alertmanager sends the resolution.
    await waitFor("the resolved message at the Slack listener", 90_000, async () =>
      resolvedMessages().length > 0 ? true : undefined,
    );
    expect(await workerAlert("resolved")).toBeDefined();
    expect(firingMessages()).toHaveLength(1);
    expect(resolvedMessages()).toHaveLength(1);
    expect(resolvedMessages()[0]).toContain("More than 5% of HTTP requests fail with 5xx");

    // Each message went to PagerDuty (always down) too: three attempts, then the dead-letter queue. Prometheus
    // scrapes the worker each second, so the counts are polled until they settle.
    const expected = {
      slack: { delivered: 2, retried: 1 },
      "pagerduty-down": { delivered: 0, retried: 4, dead_lettered: 2 },
    };
    const counts = async () => ({
      slack: { delivered: await deliveries("slack", "delivered"), retried: await deliveries("slack", "retried") },
      "pagerduty-down": {
        delivered: await deliveries("pagerduty-down", "delivered"),
        retried: await deliveries("pagerduty-down", "retried"),
        dead_lettered: await deliveries("pagerduty-down", "dead_lettered"),
      },
    });
    const settleBy = Date.now() + 30_000;
    let seen = await counts();
    while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < settleBy) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      seen = await counts();
    }
    expect(seen).toEqual(expected);
    expect(pagerDuty.connections()).toBe(6);
  }, 180_000);

  it("evaluates every dashboard query over the traffic: each parses and returns data, bar the allow-list", async () => {
    const dashboards = readdirSync(join(MONITORING, "grafana/dashboards")).filter((file) => file.endsWith(".json"));
    const queries = dashboards.flatMap((file) =>
      dashboardQueries(JSON.parse(readFileSync(join(MONITORING, "grafana/dashboards", file), "utf8"))),
    );
    expect(queries.length).toBeGreaterThan(100);
    // A panel is a range query over the dashboard's time range: here, from the start of the traffic to now.
    // Slow panels (chains completing, retries exhausted) get until the deadline while the simulator runs on.
    const evaluate = async () => {
      const range = { start: String(trafficStart), end: String(Date.now() / 1000), step: "2s" };
      const failures: string[] = [];
      const emptyAllowed = new Set<string>();
      for (const query of queries) {
        const expr = withAllVariables(toPlainPromql(query.expr));
        const body = await prometheusGet(prometheusUrl, "/api/v1/query_range", { query: expr, ...range });
        const label = `${query.dashboard}, ${query.where}: ${expr}`;
        if (body.status !== "success") failures.push(`does not run (${body.error}) — ${label}`);
        else if (body.data?.result.length === 0) {
          const allowed = EMPTY_ALLOWED.find((entry) => entry.matches.test(query.expr));
          if (allowed) emptyAllowed.add(allowed.reason);
          else failures.push(`returns no data — ${label}`);
        }
      }
      return { failures, emptyAllowed };
    };
    const deadline = Date.now() + 60_000;
    let result = await evaluate();
    while (result.failures.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      result = await evaluate();
    }
    const { failures, emptyAllowed: emptyAllowedSeen } = result;
    expect(failures).toEqual([]);
    const stale = EMPTY_ALLOWED.filter((entry) => !emptyAllowedSeen.has(entry.reason)).map((entry) => entry.reason);
    expect(stale, "allow-list entries no empty query needed").toEqual([]);
  }, 120_000);

  it("finds every metric name of the rules and dashboards in what the apps expose on /metrics", async () => {
    const ruleExprs = readdirSync(RULES)
      .filter((file) => file.endsWith(".yml"))
      .flatMap((file) =>
        (parse(readFileSync(join(RULES, file), "utf8")) as { groups: Array<{ rules: Array<{ expr: string }> }> }).groups
          .flatMap((group) => group.rules)
          .map((rule) => rule.expr),
      );
    const dashboardExprs = readdirSync(join(MONITORING, "grafana/dashboards"))
      .filter((file) => file.endsWith(".json"))
      .flatMap((file) =>
        dashboardQueries(JSON.parse(readFileSync(join(MONITORING, "grafana/dashboards", file), "utf8"))),
      )
      .map((query) => query.expr);
    const used = new Set([...ruleExprs, ...dashboardExprs].flatMap((expr) => metricNames(expr)));
    expect(used.size).toBeGreaterThan(40);

    // A labelled series appears on /metrics at its first sample: allow the traffic until the deadline to make it.
    const scrapeMissing = async () => {
      const exposed = new Set<string>();
      for (const url of [apiUrl, workerUrl, nodeExporterUrl]) {
        const response = await fetch(`${url}/metrics`);
        expect(response.status).toBe(200);
        for (const name of exposedNames(await response.text())) exposed.add(name);
      }
      return {
        exposed,
        missing: [...used].filter((name) => !exposed.has(name) && !UNSCRAPED_ALLOWED.has(name)).sort(),
      };
    };
    const deadline = Date.now() + 30_000;
    let { exposed, missing } = await scrapeMissing();
    while (missing.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      ({ exposed, missing } = await scrapeMissing());
    }
    expect(missing).toEqual([]);
    const stale = [...UNSCRAPED_ALLOWED.keys()].filter((name) => !used.has(name) || exposed.has(name));
    expect(stale, "allow-list entries that are exposed or unused").toEqual([]);
  }, 60_000);
});
