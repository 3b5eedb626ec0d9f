// Every benchmark `pnpm bench` runs, in order: its id, its script in bench/ and the script's arguments.

export const BENCHMARKS = [
  { id: "http-metrics", script: "http-overhead.mjs", args: ["metrics"] },
  { id: "http-tracing", script: "http-overhead.mjs", args: ["tracing"] },
  { id: "http-logging", script: "http-overhead.mjs", args: ["logging"] },
  { id: "http-sentry", script: "http-overhead.mjs", args: ["sentry"] },
  { id: "http-full-stack", script: "http-overhead.mjs", args: ["full-stack"] },
  { id: "http-faults", script: "http-overhead.mjs", args: ["faults"] },
  { id: "scrape", script: "scrape.mjs", args: [] },
  { id: "log-lines", script: "log-lines.mjs", args: [] },
  { id: "spans", script: "spans.mjs", args: [] },
  { id: "redaction", script: "redaction.mjs", args: [] },
  { id: "notification-worker", script: "notification-worker.mjs", args: [] },
];
