// Redaction cost per call of @periscope/redact's default policy: a typical log record with two secrets
// (lib/log-record.mjs), the same record without them, a log message holding a bearer token, and values with
// digits but no secret that every traced request carries (client address, user agent, a path with an id).
// Interleaved rounds of a fixed number of calls in this process, after a warm-up; medians in ns per call.
// Settings: BENCH_ROUNDS (5; quick 1), BENCH_CALLS per round (200000; quick 20000).
import { createRedactionPolicy } from "@periscope/redact";
import { logRecord, SECRET_API_KEY, SECRET_TOKEN } from "./lib/log-record.mjs";
import { createReport } from "./lib/report.mjs";
import { numberSetting } from "./lib/settings.mjs";
import { formatNumber, median } from "./lib/stats.mjs";

const userAgent =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

function cases(policy) {
  const withSecrets = logRecord(7);
  const { api_key: _key, headers, ...rest } = logRecord(7);
  const { authorization: _authorization, ...plainHeaders } = headers;
  const withoutSecrets = { ...rest, headers: plainHeaders };
  const message = `task 7 failed calling https://api.example.com/v1/run with Authorization: Bearer ${SECRET_TOKEN}`;
  return [
    { name: "redact(record), 2 secrets", call: () => policy.redact(withSecrets) },
    { name: "redact(record), no secret", call: () => policy.redact(withoutSecrets) },
    { name: "redactString(message with a bearer token)", call: () => policy.redactString(message) },
    // Values every traced request or request-log line carries: digits, but no secret.
    { name: "redactString(client address)", call: () => policy.redactString("127.0.0.1") },
    { name: "redactString(user agent)", call: () => policy.redactString(userAgent) },
    { name: "redactUrl(path with an id)", call: () => policy.redactUrl("/api/v1/tasks/42") },
  ];
}

function checkMasked(policy) {
  const text = JSON.stringify(policy.redact(logRecord(7)));
  if (text.includes(SECRET_API_KEY) || text.includes(SECRET_TOKEN)) throw new Error(`not redacted: ${text}`);
}

function timeCalls(call, calls) {
  let keep = 0;
  const started = process.hrtime.bigint();
  for (let index = 0; index < calls; index++) keep += call() === undefined ? 0 : 1;
  const nanoseconds = Number(process.hrtime.bigint() - started);
  if (keep !== calls) throw new Error("a redaction returned undefined");
  return nanoseconds / calls;
}

async function main() {
  const rounds = numberSetting("BENCH_ROUNDS", { full: 5, quick: 1 });
  const calls = numberSetting("BENCH_CALLS", { full: 200_000, quick: 20_000 });
  const output = createReport("redaction", "Redaction of a typical log record");
  output.setting(
    `${rounds} interleaved rounds of ${formatNumber(calls)} calls per case in one process after a warm-up of ${formatNumber(Math.min(calls, 20_000))}, @periscope/redact's default policy`,
  );
  const policy = createRedactionPolicy();
  checkMasked(policy);
  const all = cases(policy);
  for (const { call } of all) timeCalls(call, Math.min(calls, 20_000));
  const results = new Map(all.map(({ name }) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const { name, call } of round % 2 === 0 ? all : [...all].reverse()) {
      const nanoseconds = timeCalls(call, calls);
      results.get(name).push(nanoseconds);
      console.log(`round ${round + 1}/${rounds} ${name.padEnd(44)} ${formatNumber(nanoseconds)} ns/call`);
    }
  }
  const rows = [...results].map(([name, values]) => [
    name,
    formatNumber(median(values)),
    `${formatNumber(Math.min(...values))}–${formatNumber(Math.max(...values))}`,
    formatNumber(1e9 / median(values)),
  ]);
  output.table("Medians over the rounds.", ["call", "ns/call", "min–max", "calls/s"], rows);
  output.publish();
}

await main();
