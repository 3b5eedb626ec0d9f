import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../apps/sample-api/test/app-process.js";
import {
  startBlackHole as startSentryBlackHole,
  startSentryReceiver,
} from "../../packages/sentry/test/sentry-receiver.js";
import { refusingUrl, startBlackHole, startOtlpReceiver } from "../../packages/tracing/test/otlp-receiver.js";
import { recordResult } from "./results.js";
import { startFailingServer, startShiftingServer } from "./support/failing-server.js";
import { type LoadResult, runLoad } from "./support/load.js";
import { scrape, sumOf } from "./support/metrics-text.js";
import { faultsMode } from "./support/mode.js";
import { MiB, sampleRss } from "./support/rss.js";

// A back end that is down must cost the app nothing but a counter and one log line. The app is the built
// sample API as a real process, tracing to an OTLP endpoint and sending errors to a Sentry DSN, under load.
const mode = faultsMode();
const LOAD_MS = mode.pick(4_000, 120_000);
const WARM_UP_MS = mode.pick(2_000, 15_000);
const CLIENTS = 8;
/**
 * RSS may grow this much after warm-up. What is held is bounded (1,000 queued spans, 30 buffered Sentry events);
 * the margin covers V8 growing its heap under load, which a leak outgrows within the soak.
 */
const RSS_MARGIN = 96 * MiB;
const OTLP_TIMEOUT_MS = 1_500;
const SENTRY_TIMEOUT_MS = 5_000; // @periscope/sentry's sendTimeoutMs default
const SENTRY_EVERY = 10;
const TRACING_ERROR_INTERVAL_MS = 60_000; // @periscope/tracing's errorIntervalMillis default
const SENTRY_ERROR_INTERVAL_MS = 30_000; // @periscope/sentry's onError interval // one request in ten throws and is captured

type Backend = { url: string; close: () => Promise<void> };
type Fault = "refusing connections" | "answering 500" | "black-holing (accepts, never answers)";

async function otlpBackend(fault: Fault | "healthy"): Promise<Backend> {
  if (fault === "healthy") return startOtlpReceiver();
  if (fault === "refusing connections") return { url: await refusingUrl(), close: async () => {} };
  if (fault === "answering 500") return startFailingServer(500);
  return startBlackHole();
}

async function sentryBackend(fault: Fault | "healthy"): Promise<{ dsn: string; close: () => Promise<void> }> {
  if (fault === "healthy") return startSentryReceiver();
  if (fault === "refusing connections") {
    const closed = await refusingUrl();
    return { dsn: closed.replace("http://", "http://publickey@").concat("/1"), close: async () => {} };
  }
  const server = fault === "answering 500" ? await startFailingServer(500) : await startSentryBlackHole();
  return { dsn: `http://publickey@127.0.0.1:${server.port}/1`, close: server.close };
}

function appEnvironment(collectorUrl: string, dsn: string): Record<string, string> {
  return {
    OTEL_TRACES_EXPORTER: "otlp",
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collectorUrl}/v1/traces`,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_BSP_SCHEDULE_DELAY: "100",
    OTEL_BSP_EXPORT_TIMEOUT: String(OTLP_TIMEOUT_MS),
    OTEL_BSP_MAX_QUEUE_SIZE: "1000",
    SENTRY_DSN: dsn,
    LOG_FORMAT: "json",
  };
}

interface Run {
  load: LoadResult;
  /** From the app's start to the last scrape. */
  elapsedMs: number;
  unexpected: number;
  rssAfterWarmUp: number;
  rssGrowth: number;
  exposition: string;
  output: string;
  alive: boolean;
}

async function runUnder(otlp: Fault | "healthy", sentry: Fault | "healthy", waitForLine?: RegExp): Promise<Run> {
  const collector = await otlpBackend(otlp);
  const dsn = await sentryBackend(sentry);
  try {
    const app = await startApp(appEnvironment(collector.url, dsn.dsn));
    const startedAt = Date.now();
    const pid = app.child.pid ?? 0;
    const rss = sampleRss(pid);
    const load = await runLoad({
      baseUrl: app.url,
      clients: CLIENTS,
      durationMs: LOAD_MS,
      paths: (index) => (index % SENTRY_EVERY === 0 ? "/debug/sentry-test" : "/api/v1/tasks"),
    });
    const samples = rss.stop();
    if (waitForLine) {
      const deadline = Date.now() + Math.max(OTLP_TIMEOUT_MS, SENTRY_TIMEOUT_MS) + 5_000;
      while (!waitForLine.test(app.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    }
    const afterWarmUp = samples.filter(([at]) => at >= WARM_UP_MS);
    const rssAfterWarmUp = afterWarmUp[0]?.[1] ?? Number.NaN;
    const rssGrowth = Math.max(...afterWarmUp.map(([, bytes]) => bytes)) - rssAfterWarmUp;
    const exposition = await scrape(app.url);
    const unexpected = load.samples.filter(
      (sample) => sample.status !== (sample.path === "/debug/sentry-test" ? 500 : 200),
    ).length;
    return {
      load,
      elapsedMs: Date.now() - startedAt,
      unexpected,
      rssAfterWarmUp,
      rssGrowth,
      exposition,
      output: app.output(),
      alive: app.child.exitCode === null && app.child.signalCode === null,
    };
  } finally {
    await collector.close();
    await dsn.close();
  }
}

const linesOf = (output: string, message: string) =>
  output.split("\n").filter((line) => line.includes(`"message":"${message}`)).length;
const ms = (value: number) => `${Math.round(value)} ms`;
/** "failed 2, network_error 2, event_processor 150": what /metrics says happened to the Sentry events. */
const droppedReasons = (exposition: string) =>
  [
    `failed ${sumOf(exposition, "periscope_sentry_send_failures_total")}`,
    ...[...exposition.matchAll(/^periscope_sentry_events_dropped_total\{[^}]*reason="([^"]+)"[^}]*\} (\d+)/gm)].map(
      (match) => `${match[1]} ${match[2]}`,
    ),
  ].join(", ");

let healthy: Run;
beforeAll(async () => {
  healthy = await runUnder("healthy", "healthy");
}, LOAD_MS + 60_000);
afterAll(() => {
  if (healthy) {
    recordResult({
      area: "Faults survived",
      scenario: "Telemetry back ends healthy (baseline)",
      tried: `${healthy.load.samples.length} requests in ${LOAD_MS / 1000} s, ${CLIENTS} clients, one in ${SENTRY_EVERY} captured by Sentry`,
      count: healthy.load.samples.length,
      result: `${healthy.load.errors + healthy.unexpected} failed; p99 ${ms(healthy.load.percentile(99))}; RSS +${(healthy.rssGrowth / MiB).toFixed(1)} MiB after warm-up`,
    });
  }
});

describe("telemetry back ends down, under load (the sample API as a real process)", () => {
  it("serves every request of the healthy baseline, with no export failure logged", () => {
    expect(healthy.load.errors + healthy.unexpected, healthy.output.slice(-2000)).toBe(0);
    expect(linesOf(healthy.output, "tracing: span export failed")).toBe(0);
    expect(linesOf(healthy.output, "sentry: delivery failed")).toBe(0);
  });

  const faults: Fault[] = ["refusing connections", "answering 500", "black-holing (accepts, never answers)"];
  for (const backend of ["OTLP collector", "Sentry DSN"] as const) {
    for (const fault of faults) {
      it(
        `${backend} ${fault}: every request served, none waits, RSS bounded, one log line, losses counted`,
        async () => {
          const otlp = backend === "OTLP collector" ? fault : "healthy";
          const sentry = backend === "Sentry DSN" ? fault : "healthy";
          const message = backend === "OTLP collector" ? "tracing: span export failed" : "sentry: delivery failed";
          const run = await runUnder(otlp, sentry, new RegExp(`"message":"${message}`));
          const timeout = backend === "OTLP collector" ? OTLP_TIMEOUT_MS : SENTRY_TIMEOUT_MS;

          expect(run.load.samples.length).toBeGreaterThan(CLIENTS * 10);
          expect({ errors: run.load.errors, unexpected: run.unexpected }).toEqual({ errors: 0, unexpected: 0 });
          const p99 = run.load.percentile(99);
          const healthyP99 = healthy.load.percentile(99);
          // Waiting on the back end would cost at least its timeout; the margin over the baseline is generous for CI.
          expect(p99).toBeLessThan(timeout);
          expect(p99).toBeLessThan(Math.max(4 * healthyP99, healthyP99 + 250));
          expect(run.rssGrowth).toBeLessThan(RSS_MARGIN);
          expect(run.alive, run.output.slice(-2000)).toBe(true);
          expect(run.output).not.toMatch(/unhandled ?rejection|uncaught ?exception/i);
          // One line per kind of failure per interval of the package's limiter: exactly one in a CI run.
          const interval = backend === "OTLP collector" ? TRACING_ERROR_INTERVAL_MS : SENTRY_ERROR_INTERVAL_MS;
          const logged = linesOf(run.output, message);
          expect(logged, run.output.slice(-3000)).toBeGreaterThanOrEqual(1);
          expect(logged).toBeLessThanOrEqual(Math.ceil(run.elapsedMs / interval));

          let lost: number;
          if (backend === "OTLP collector") {
            lost = sumOf(run.exposition, "periscope_tracing_spans_dropped_total");
            expect(lost).toBeGreaterThan(0);
            expect(linesOf(run.output, "sentry: delivery failed")).toBe(0);
          } else {
            const failed = sumOf(run.exposition, "periscope_sentry_send_failures_total");
            const dropped =
              sumOf(run.exposition, "periscope_sentry_events_dropped_total", { reason: "queue_overflow" }) +
              sumOf(run.exposition, "periscope_sentry_events_dropped_total", { reason: "network_error" });
            lost = failed + dropped;
            // Every event that reached the transport is accounted for: sent (never, here), failed or dropped.
            expect(failed).toBeGreaterThan(0);
            expect(linesOf(run.output, "tracing: span export failed")).toBe(0);
          }
          recordResult({
            area: "Faults survived",
            scenario: `${backend} ${fault}`,
            tried: `${run.load.samples.length} requests in ${LOAD_MS / 1000} s, ${CLIENTS} clients, one in ${SENTRY_EVERY} captured by Sentry`,
            count: run.load.samples.length,
            result:
              `0 failed; p99 ${ms(p99)} (healthy ${ms(healthyP99)}, ${backend} timeout ${ms(timeout)}); ` +
              `RSS +${(run.rssGrowth / MiB).toFixed(1)} MiB after warm-up (bound ${RSS_MARGIN / MiB} MiB); ` +
              `${logged} log line(s) in ${Math.round(run.elapsedMs / 1000)} s; ${backend === "OTLP collector" ? `${lost} spans dropped` : `${lost} Sentry sends failed or events dropped (${droppedReasons(run.exposition)})`} on /metrics; no unhandled rejection`,
          });
        },
        LOAD_MS + 60_000,
      );
    }
  }
  it(
    "OTLP collector shifting from refused to 500 to black-holing: one log line for each kind of failure",
    async () => {
      const collector = await startShiftingServer("refuse");
      const dsn = await sentryBackend("healthy");
      try {
        const app = await startApp(appEnvironment(collector.url, dsn.dsn));
        const phases = ["refuse", "500", "hang"] as const;
        // Each phase shorter than the limiter's interval, so each kind is logged exactly once in either mode.
        const PHASE_MS = Math.min(Math.max(LOAD_MS / 2, OTLP_TIMEOUT_MS), 50_000);
        let sent = 0;
        let failed = 0;
        for (const phase of phases) {
          await collector.set(phase);
          const load = await runLoad({
            baseUrl: app.url,
            clients: CLIENTS,
            durationMs: PHASE_MS,
            paths: () => "/api/v1/tasks",
          });
          sent += load.samples.length;
          failed += load.samples.filter((sample) => sample.status !== 200).length;
        }
        const failureLines = () =>
          app
            .output()
            .split("\n")
            .filter((line) => line.includes('"message":"tracing: span export failed'));
        const deadline = Date.now() + OTLP_TIMEOUT_MS + 5_000;
        while (failureLines().length < phases.length && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const lines = failureLines();
        expect(failed).toBe(0);
        expect(lines, app.output().slice(-3000)).toHaveLength(phases.length);
        expect(lines[0]).toMatch(/ECONNREFUSED/);
        expect(lines[1]).toMatch(/500|Internal Server Error/);
        expect(lines[2]).toMatch(/timed out/);
        const dropped = sumOf(await scrape(app.url), "periscope_tracing_spans_dropped_total");
        expect(dropped).toBeGreaterThan(0);
        recordResult({
          area: "Faults survived",
          scenario: "OTLP collector changing fault: refused, then 500, then black hole",
          tried: `${sent} requests over three phases of ${PHASE_MS / 1000} s, ${CLIENTS} clients`,
          count: sent,
          result: `0 failed; ${lines.length} log lines, one per kind of failure (refused, HTTP 500, timeout); ${dropped} spans dropped (on /metrics)`,
        });
      } finally {
        await collector.close();
        await dsn.close();
      }
    },
    2 * LOAD_MS + 60_000,
  );
});
