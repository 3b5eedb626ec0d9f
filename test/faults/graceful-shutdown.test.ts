import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { startApp } from "../../apps/sample-api/test/app-process.js";
import { SPAN_KIND, startOtlpReceiver } from "../../packages/tracing/test/otlp-receiver.js";
import { recordResult } from "./results.js";
import { runLoad } from "./support/load.js";
import { faultsMode } from "./support/mode.js";

const mode = faultsMode();
const CONNECTIONS = 50;
const PATH = "/api/v1/tasks";
const DRAIN_DELAY_MS = 2_000;
/** Like a real load balancer, the test keeps sending for a while after readiness failed (well within the drain delay). */
const LB_LAG_MS = 500;

/** GET on a fresh connection, as a kubelet probes: the status, or "refused" once the port is closed. */
function probe(url: string): Promise<number | "refused"> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    })
      .on("error", (error: NodeJS.ErrnoException) =>
        error.code === "ECONNREFUSED" || error.code === "ECONNRESET" ? resolve("refused") : reject(error),
      )
      .end();
  });
}

describe("graceful shutdown under load (the sample API as a real process)", () => {
  it("SIGTERM while 50 connections hammer it: readiness 503 first, no request fails, spans and logs flushed", async () => {
    const collector = await startOtlpReceiver();
    const app = await startApp({
      HEALTH_DRAIN_DELAY_MS: String(DRAIN_DELAY_MS),
      OTEL_TRACES_EXPORTER: "otlp",
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url}/v1/traces`,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_BSP_MAX_QUEUE_SIZE: "500000",
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "2048",
      OTEL_BSP_SCHEDULE_DELAY: "200",
      LOG_FORMAT: "json",
    });
    let responses = 0;
    let stopSending = false;
    // The test plays the load balancer: it keeps sending until readiness fails, then sends no more.
    const loading = runLoad({
      baseUrl: app.url,
      clients: CONNECTIONS,
      durationMs: 600_000,
      paths: () => PATH,
      stopWhen: () => stopSending,
      onResponse: () => {
        responses++;
      },
    });
    const warmUp = mode.pick(1_000, 20_000);
    const started = Date.now();
    while (responses < 500 || Date.now() - started < warmUp) await new Promise((resolve) => setTimeout(resolve, 20));

    app.child.kill("SIGTERM");
    const polls: (number | "refused")[] = [];
    let stopAt: number | undefined;
    let responsesAt503 = 0;
    while (polls.at(-1) !== "refused" && app.child.exitCode === null) {
      const status = await probe(`${app.url}/health/ready`);
      polls.push(status);
      if (status === 503 && stopAt === undefined) {
        responsesAt503 = responses;
        stopAt = Date.now() + LB_LAG_MS;
        setTimeout(() => {
          stopSending = true;
        }, LB_LAG_MS).unref();
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stopSending = true;
    const load = await loading;
    const afterNotReady = load.samples.length - responsesAt503;
    const code = await app.exited;
    const output = app.output();

    const first503 = polls.indexOf(503);
    expect(first503, `polls: ${polls.join(",")}`).toBeGreaterThanOrEqual(0);
    const firstRefused = polls.indexOf("refused");
    if (firstRefused !== -1) expect(first503).toBeLessThan(firstRefused);
    const failed = load.samples.filter((sample) => sample.status !== 200);
    expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
    expect(code, output.slice(-3000)).toBe(0);

    // Flushed: every served request's server span reached the collector, and its log line is in the output.
    const served = load.samples.length;
    const lines = output.split("\n").filter((line) => line.startsWith("{"));
    const requestLines = lines.filter(
      (line) => line.includes('"message":"request completed"') && line.includes(`"path":"${PATH}"`),
    );
    expect(requestLines).toHaveLength(served);
    const serverSpans = collector
      .spans()
      .filter((span) => span.kind === SPAN_KIND.server && span.attributes["url.path"] === PATH);
    expect(serverSpans).toHaveLength(served);
    const flushed = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.message === "shutdown: traces flushed");
    expect(flushed).toMatchObject({ spans_exported: collector.spans().length, spans_dropped: 0 });
    expect(lines.at(-1)).toContain('"message":"shutdown: flushing logs"');
    await collector.close();
    recordResult({
      area: "Faults survived",
      scenario: "Graceful shutdown under load (SIGTERM)",
      tried: `SIGTERM after warm-up while ${CONNECTIONS} connections sent GET ${PATH}; ${polls.length} readiness probes`,
      count: served,
      result:
        `0 of ${served} requests failed (${afterNotReady} of them answered after readiness turned 503, sent for ${LB_LAG_MS} ms more); ` +
        `readiness 503 at probe ${first503 + 1}, before the port closed; exit 0; ` +
        `${serverSpans.length} server spans at the collector (${collector.spans().length} spans, 0 dropped) and ${requestLines.length} request log lines`,
    });
  }, 120_000);
});
