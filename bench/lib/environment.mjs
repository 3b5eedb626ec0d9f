// The machine and the versions a benchmark run measured, for the header of docs/benchmarks.md.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, release, totalmem, type } from "node:os";

const BENCH_DIRECTORY = new URL("../", import.meta.url);
const REPOSITORY = new URL("../../", import.meta.url);

export const PERISCOPE_PACKAGES = ["metrics", "tracing", "logging", "sentry", "health", "redact", "express"];
export const PEERS = [
  "express",
  "prom-client",
  "express-prom-bundle",
  "@opentelemetry/sdk-trace-node",
  "@opentelemetry/sdk-trace-base",
  "@opentelemetry/instrumentation-http",
  "@opentelemetry/instrumentation-express",
  "@opentelemetry/exporter-trace-otlp-http",
  "@opentelemetry/exporter-trace-otlp-proto",
  "@opentelemetry/auto-instrumentations-node",
  "winston",
  "express-winston",
  "pino",
  "pino-http",
  "@sentry/node",
  "autocannon",
];

function versionAt(url) {
  try {
    return JSON.parse(readFileSync(url, "utf8")).version ?? "?";
  } catch {
    return "not installed";
  }
}

function git(...args) {
  try {
    return execFileSync("git", args, { cwd: REPOSITORY, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

export function describeMachine() {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? "unknown",
    cores: availableParallelism(),
    os: `${type()} ${release()}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    load: loadavg()
      .map((value) => value.toFixed(2))
      .join(", "),
  };
}

export function describeVersions() {
  const commit = git("rev-parse", "--short", "HEAD");
  const changed = git("status", "--porcelain", "--", "packages", "apps/notification-worker", "bench");
  return {
    commit: commit ? `${commit}${changed ? " with uncommitted changes" : ""}` : "unknown",
    periscope: PERISCOPE_PACKAGES.map((name) => [
      `@periscope/${name}`,
      versionAt(new URL(`packages/${name}/package.json`, REPOSITORY)),
    ]),
    peers: PEERS.map((name) => [name, versionAt(new URL(`node_modules/${name}/package.json`, BENCH_DIRECTORY))]),
  };
}
