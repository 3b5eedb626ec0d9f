import { expect } from "vitest";
import { payload, post } from "../../notification-worker/test/payloads.js";
import { type Received, waitUntil } from "./slack-listener.js";
import type { WorkerProcess } from "./worker-process.js";

const PROBES = 6;

/** How many `delivery sent` lines a worker logged (LOG_FORMAT=json) for this receiver. */
export function sentBy(output: string, receiver: string): number {
  let count = 0;
  for (const line of output.split("\n")) {
    if (!line.includes('"delivery sent"')) continue;
    try {
      const entry = JSON.parse(line) as { message?: string; receiver?: string };
      if (entry.message === "delivery sent" && entry.receiver === receiver) count++;
    } catch {
      // a partial line still being written
    }
  }
  return count;
}

/**
 * Proves every worker of a shared BullMQ queue is connected and consuming: posts `PROBES` alerts routed
 * to `probe-slack` (answered slowly by the Slack stand-in) to the last worker only, and expects each
 * process to have sent some of them and all of them once. Returns how many jobs that added to the queue.
 */
export async function probeConsumers(
  workers: WorkerProcess[],
  slack: { received: Received[] },
  queueName: string,
  headers: Record<string, string>,
): Promise<number> {
  await waitUntil(
    () => workers.every((worker) => worker.output().includes(`bullmq consumer connected to queue \\"${queueName}\\"`)),
    15_000,
    "every worker's bullmq consumer",
  );
  const probes = Array.from({ length: PROBES }, (_, index) => ({
    labels: { alertname: "ConsumerProbe", service: "notification-worker", probe: String(index) },
    fingerprint: `c0ffee${String(index).padStart(10, "0")}`,
  }));
  const intake = workers.at(-1) as WorkerProcess;
  const accepted = await post(`${intake.url}/webhooks/alertmanager`, payload(probes), headers);
  expect(accepted.status).toBe(200);
  const atProbe = () => slack.received.filter((message) => message.path === "/probe");
  await waitUntil(() => atProbe().length >= PROBES, 15_000, "every probe at the Slack stand-in");
  await waitUntil(
    () => workers.reduce((sum, worker) => sum + sentBy(worker.output(), "probe-slack"), 0) >= PROBES,
    5_000,
    "every probe's delivery logged",
  );
  for (const worker of workers) expect(sentBy(worker.output(), "probe-slack")).toBeGreaterThanOrEqual(1);
  expect(workers.reduce((sum, worker) => sum + sentBy(worker.output(), "probe-slack"), 0)).toBe(PROBES);
  expect(atProbe()).toHaveLength(PROBES);
  return PROBES;
}
