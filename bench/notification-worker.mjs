// The notification worker end to end: Alertmanager webhooks in, through its durable SQLite outbox, signed
// webhook messages out to a local receiver. A fresh worker process per round (the built app, pinned to its own
// core when taskset allows), with its shipped delivery defaults. Two phases per round:
// - burst: BENCH_ALERTS alerts posted by 8 concurrent senders as fast as the worker accepts them; deliveries/s
//   from the first post to the last message received;
// - paced: BENCH_PACED_ALERTS alerts at BENCH_PACED_RATE per second, well below capacity; latency from the
//   worker's 202/200 answer (the alert is stored) to the message reaching the receiver.
// Settings: BENCH_ROUNDS (3; quick 1), BENCH_ALERTS (2000; quick 100), BENCH_PACED_ALERTS (500; quick 40),
// BENCH_PACED_RATE (50; quick 40).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { firingPayload } from "./lib/alert-payload.mjs";
import { startAlertReceiver } from "./lib/alert-receiver.mjs";
import { formatMegabytes } from "./lib/peak-rss.mjs";
import { createReport } from "./lib/report.mjs";
import { coreAssignment, pinCurrentProcess } from "./lib/server-process.mjs";
import { numberSetting } from "./lib/settings.mjs";
import { formatNumber, median, percentile } from "./lib/stats.mjs";
import { startWorkerProcess } from "./lib/worker-process.mjs";

const SENDERS = 8;

function configFor(receiverUrl) {
  return `receivers:
  - name: bench-hook
    type: webhook
    url: ${receiverUrl}
    secret: bench-signing-secret
route:
  receiver: bench-hook
  groupBy: [alertname, instance]
`;
}

/** Posts one alert and resolves to the time its acceptance came back. */
async function postAlert(workerUrl, instance) {
  const response = await fetch(`${workerUrl}/webhooks/alertmanager`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(firingPayload(instance)),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`the worker answered ${response.status} to ${instance}: ${text}`);
  return performance.now();
}

async function burst(workerUrl, receiver, round, alerts) {
  const instances = Array.from({ length: alerts }, (_, index) => `burst-${round}-${index}`);
  const started = performance.now();
  let next = 0;
  let lastAccepted = started;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < instances.length) {
        lastAccepted = Math.max(lastAccepted, await postAlert(workerUrl, instances[next++]));
      }
    }),
  );
  await waitForInstances(receiver, instances, 60_000);
  const lastDelivered = Math.max(...instances.map((instance) => receiver.arrivals.get(instance)));
  return {
    acceptedPerSecond: alerts / ((lastAccepted - started) / 1000),
    deliveredPerSecond: alerts / ((lastDelivered - started) / 1000),
  };
}

async function paced(workerUrl, receiver, round, alerts, rate) {
  const accepted = new Map();
  const started = performance.now();
  const posts = [];
  for (let index = 0; index < alerts; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const instance = `paced-${round}-${index}`;
    posts.push(postAlert(workerUrl, instance).then((at) => accepted.set(instance, at)));
  }
  await Promise.all(posts);
  const instances = [...accepted.keys()];
  await waitForInstances(receiver, instances, 60_000);
  return instances.map((instance) => receiver.arrivals.get(instance) - accepted.get(instance));
}

async function waitForInstances(receiver, instances, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!instances.every((instance) => receiver.arrivals.has(instance))) {
    if (performance.now() > deadline) {
      const missing = instances.filter((instance) => !receiver.arrivals.has(instance));
      throw new Error(`${missing.length} alerts never reached the receiver (first: ${missing[0]})`);
    }
    await sleep(10);
  }
}

async function runRound(round, settings) {
  const receiver = await startAlertReceiver();
  const directory = mkdtempSync(join(tmpdir(), "periscope-bench-worker-"));
  const configPath = join(directory, "worker.yaml");
  writeFileSync(configPath, configFor(receiver.url));
  let worker;
  try {
    worker = await startWorkerProcess({
      core: settings.cores?.server,
      environment: { DATA_DIR: join(directory, "data"), WORKER_CONFIG: configPath, HEALTH_DRAIN_DELAY_MS: "0" },
    });
    const throughput = await burst(worker.url, receiver, round, settings.alerts);
    const latencies = await paced(worker.url, receiver, round, settings.pacedAlerts, settings.pacedRate);
    const peakRss = worker.peakRssBytes();
    return { ...throughput, latencies, peakRss, duplicates: receiver.counts().duplicates };
  } catch (error) {
    throw new Error(`${error.message}\nworker output (last lines):\n${worker?.output().slice(-4000) ?? ""}`);
  } finally {
    await worker?.stop();
    await receiver.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function main() {
  const settings = {
    rounds: numberSetting("BENCH_ROUNDS", { full: 3, quick: 1 }),
    alerts: numberSetting("BENCH_ALERTS", { full: 2000, quick: 100 }),
    pacedAlerts: numberSetting("BENCH_PACED_ALERTS", { full: 500, quick: 40 }),
    pacedRate: numberSetting("BENCH_PACED_RATE", { full: 50, quick: 40 }),
    cores: coreAssignment(),
  };
  if (settings.cores) pinCurrentProcess(settings.cores.loadGenerator);
  const output = createReport("notification-worker", "Notification worker: webhook to delivered message");
  output.setting(
    `${settings.rounds} rounds, each a fresh worker (apps/notification-worker/dist, SQLite outbox, shipped delivery defaults: concurrency 4, poll 250 ms) with one signed-webhook receiver on 127.0.0.1; burst of ${formatNumber(settings.alerts)} alerts from ${SENDERS} concurrent senders, then ${formatNumber(settings.pacedAlerts)} alerts paced at ${settings.pacedRate}/s; one alert per webhook body; ${settings.cores ? `worker on core ${settings.cores.server}, senders and receiver on core ${settings.cores.loadGenerator}` : "not pinned"}`,
  );
  const rounds = [];
  for (let round = 0; round < settings.rounds; round++) {
    const result = await runRound(round, settings);
    rounds.push(result);
    console.log(
      `round ${round + 1}/${settings.rounds}: ${formatNumber(result.deliveredPerSecond)} deliveries/s, accepted ${formatNumber(result.acceptedPerSecond)}/s, paced p99 ${formatNumber(percentile(result.latencies, 99), 1)} ms`,
    );
  }
  const spread = (values, digits = 0) =>
    `${formatNumber(Math.min(...values), digits)}–${formatNumber(Math.max(...values), digits)}`;
  const perRound = (pick) => rounds.map(pick);
  const latency = (p) => perRound((round) => percentile(round.latencies, p));
  const rows = [
    ["deliveries/s, burst (first post to last message)", perRound((round) => round.deliveredPerSecond), 0],
    ["alerts accepted/s, burst", perRound((round) => round.acceptedPerSecond), 0],
    ["latency p50 ms, paced (accepted to delivered)", latency(50), 1],
    ["latency p99 ms, paced", latency(99), 1],
    ["latency max ms, paced", latency(100), 1],
    ["duplicate messages", perRound((round) => round.duplicates), 0],
  ].map(([name, values, digits]) => [name, formatNumber(median(values), digits), spread(values, digits)]);
  const rss = perRound((round) => round.peakRss).filter((bytes) => bytes !== undefined);
  rows.push([
    "worker peak RSS MB",
    formatMegabytes(median(rss)),
    rss.length ? spread(rss.map((b) => b / 2 ** 20)) : "n/a",
  ]);
  output.table("Medians over the rounds (min–max).", ["measure", "median", "min–max"], rows);
  output.publish();
}

await main();
