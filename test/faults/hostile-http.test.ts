import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../apps/sample-api/test/app-process.js";
import { rawRequest } from "../../packages/logging/test/raw-request.js";
import { type ReceivedSpan, startOtlpReceiver } from "../../packages/tracing/test/otlp-receiver.js";
import { recordResult } from "./results.js";
import { logRecords, unsafeLogLines } from "./support/log-scan.js";
import { otlpEnvironment } from "./support/otlp-env.js";
import {
  collectStdout,
  DOMAIN_TABLES,
  dataDirectory,
  listedCounts,
  rowCounts,
  waitUntil,
} from "./support/sample-api.js";

// Hostile headers, bodies and ids against the built sample API (a real process), its spans at a real
// OTLP listener: no crash, no 5xx, nothing stored, nothing logged that could forge or repaint a line.

type Receiver = Awaited<ReturnType<typeof startOtlpReceiver>>;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const hex = (length: number, digit: string) => digit.repeat(length);
const INJECTED_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const INJECTED_SPAN = "00f067aa0ba902b7";

/** Malformed or oversized `traceparent` values: each must be ignored, so the request starts a new trace. */
const BAD_TRACEPARENTS: [string, string][] = [
  ["empty", ""],
  ["not a traceparent", "garbage"],
  ["version ff (forbidden)", `ff-${INJECTED_TRACE}-${INJECTED_SPAN}-01`],
  ["all-zero trace id", `00-${hex(32, "0")}-${INJECTED_SPAN}-01`],
  ["all-zero parent id", `00-${INJECTED_TRACE}-${hex(16, "0")}-01`],
  ["upper-case hex", `00-${INJECTED_TRACE.toUpperCase()}-${INJECTED_SPAN.toUpperCase()}-01`],
  ["short trace id", `00-${INJECTED_TRACE.slice(4)}-${INJECTED_SPAN}-01`],
  ["long parent id", `00-${INJECTED_TRACE}-${INJECTED_SPAN}00-01`],
  ["non-hex trace id", `00-${INJECTED_TRACE.slice(0, 31)}g-${INJECTED_SPAN}-01`],
  ["non-hex flags", `00-${INJECTED_TRACE}-${INJECTED_SPAN}-zz`],
  ["version 00 with a trailing field", `00-${INJECTED_TRACE}-${INJECTED_SPAN}-01-extra`],
  ["missing separators", `00${INJECTED_TRACE}${INJECTED_SPAN}01`],
  ["10 KB value", `00-${INJECTED_TRACE}-${INJECTED_SPAN}-01${"a".repeat(10_240)}`],
  ["two headers", `00-${INJECTED_TRACE}-${INJECTED_SPAN}-01\r\ntraceparent: 00-${hex(32, "1")}-${hex(16, "2")}-01`],
];

/** Hostile `tracestate` and `baggage` without a valid traceparent: a new trace, and a normal answer. */
const BAD_CONTEXT_HEADERS: [string, string][] = [
  ["tracestate of empty members", "tracestate: ,,,,=,=="],
  ["tracestate of 1,000 members", `tracestate: ${Array.from({ length: 1000 }, (_, i) => `k${i}=v`).join(",")}`],
  ["tracestate 10 KB key", `tracestate: ${"k".repeat(10_240)}=v`],
  ["tracestate of invalid keys and values", "tracestate: UPPER=x,@@=!!,a= b c ,k=\u00e9\u2028"],
  ["baggage without values", "baggage: =;=;;,,,=="],
  ["baggage with bad percent-encoding", "baggage: user=%ZZ%E2%28,key=%"],
  ["baggage of 2,000 entries", `baggage: ${Array.from({ length: 2000 }, (_, i) => `k${i}=v`).join(",")}`],
  ["baggage 10 KB value", `baggage: k=${"v".repeat(10_240)};prop=${"p".repeat(100)}`],
];

/** `x-request-id` values that must never be echoed or logged: each is replaced by a fresh UUID. */
const FORGED = "FORGED-BY-REQUEST-ID";
// biome-ignore lint/suspicious/noControlCharactersInRegex: C0 controls are what Node's parser refuses
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const BAD_REQUEST_IDS: [string, string][] = [
  ["ANSI escape", "abc\u001b[31mred\u001b[0m"],
  ["one-byte C1 CSI", "abc\u009b31mred"],
  ["U+2028 line separator", "abc\u2028def"],
  ["U+0085 next line", "abc\u0085def"],
  ["bare LF with a forged record", `abc\n{"level":"error","message":"${FORGED}"}`],
  ["bare CR", `abc\r{"level":"error","message":"${FORGED}"}`],
  ["10 KB id", "a".repeat(10_240)],
  ["129 characters", "b".repeat(129)],
  ["spaces and markup", "<script>alert(1)</script> id"],
  ["path traversal", "../../etc/passwd"],
  ["percent-encoded CRLF", "abc%0d%0adef"],
  ["two headers", "first-id\r\nx-request-id: second-id"],
  ["empty", ""],
];

describe("hostile trace-context headers", () => {
  it("ignores malformed and oversized traceparent, tracestate and baggage: each request starts a new trace", async () => {
    const app = await startApp(otlpEnvironment(receiver.url));
    const stdout = collectStdout(app.child);
    const cases = [
      ...BAD_TRACEPARENTS.map(([name, value]) => ({ name, line: `traceparent: ${value}` })),
      ...BAD_CONTEXT_HEADERS.map(([name, line]) => ({ name, line })),
    ];
    const statuses: number[] = [];
    for (const [index, { line }] of cases.entries()) {
      const answer = await rawRequest(app.url, `/api/v1/tasks/hostile-context-${index}`, [
        ...line.split("\r\n"),
        `x-request-id: hostile-context-${index}`,
      ]);
      statuses.push(Number(answer[":status"]));
      expect([cases[index]?.name, answer[":status"], answer["x-request-id"]]).toEqual([
        cases[index]?.name,
        "404",
        `hostile-context-${index}`,
      ]);
    }
    // The control: a valid traceparent is continued, so the assertions below can fail.
    const valid = await rawRequest(app.url, "/api/v1/tasks/hostile-context-valid", [
      `traceparent: 00-${INJECTED_TRACE}-${INJECTED_SPAN}-01`,
    ]);
    expect(valid[":status"]).toBe("404");
    // Over Node's 16 KB header limit: a clear 431 from the server, not a crash.
    const huge = await rawRequest(app.url, "/api/v1/tasks/hostile-context-huge", [
      `traceparent: 00-${INJECTED_TRACE}-${INJECTED_SPAN}-01${"a".repeat(20_000)}`,
    ]);
    expect(huge[":status"]).toBe("431");

    const serverSpanOf = (spans: ReceivedSpan[], path: string) =>
      spans.find((span) => span.attributes["url.path"] === path && span.kind === 2);
    const spans = await receiver.waitForSpans((received) =>
      [...cases.keys(), "valid"].every((key) => serverSpanOf(received, `/api/v1/tasks/hostile-context-${key}`)),
    );
    const control = serverSpanOf(spans, "/api/v1/tasks/hostile-context-valid");
    expect([control?.traceId, control?.parentSpanId]).toEqual([INJECTED_TRACE, INJECTED_SPAN]);
    const traceIds = new Set<string>();
    for (const [index, { name }] of cases.entries()) {
      const span = serverSpanOf(spans, `/api/v1/tasks/hostile-context-${index}`) as ReceivedSpan;
      expect([name, span.parentSpanId]).toEqual([name, ""]);
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.traceId).not.toMatch(/^0+$/);
      expect([INJECTED_TRACE, hex(32, "1")]).not.toContain(span.traceId);
      traceIds.add(span.traceId);
    }
    expect(traceIds.size).toBe(cases.length);
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    expect(unsafeLogLines(stdout())).toEqual([]);

    recordResult({
      area: "Hostile input",
      scenario: "HTTP trace context (sample API)",
      tried: "malformed and oversized traceparent, tracestate and baggage headers",
      count: cases.length + 1,
      result: `every one answered ${[...new Set(statuses)].join("/")} as for any request, ${traceIds.size} new root traces, no parent kept; over 16 KB: 431`,
    });
  });
});

describe("hostile x-request-id", () => {
  it("replaces injection attempts and 10 KB values with a fresh id, in the answer and in the log line", async () => {
    const app = await startApp();
    const stdout = collectStdout(app.child);
    const fresh: string[] = [];
    let refusedByParser = 0;
    for (const [name, value] of BAD_REQUEST_IDS) {
      const answer = await rawRequest(
        app.url,
        "/api/v1/agents",
        value.split("\r\n").map((part, i) => (i === 0 ? `x-request-id: ${part}` : part)),
      );
      if (answer[":status"] === "400" && answer["x-request-id"] === undefined) {
        // Node's HTTP parser refused the request line (a bare CR or LF): it never reached the app.
        expect([name, CONTROL.test(value)]).toEqual([name, true]);
        refusedByParser++;
        continue;
      }
      expect([name, answer[":status"]]).toEqual([name, "200"]);
      expect([name, answer["x-request-id"]]).toEqual([name, expect.stringMatching(UUID)]);
      fresh.push(answer["x-request-id"] as string);
    }
    expect(new Set(fresh).size).toBe(fresh.length);
    expect(fresh.length + refusedByParser).toBe(BAD_REQUEST_IDS.length);
    // Control: a well-formed id is kept.
    const kept = await rawRequest(app.url, "/api/v1/agents", ["x-request-id: hostile.ok-1"]);
    expect(kept["x-request-id"]).toBe("hostile.ok-1");

    await waitUntil(
      () => fresh.every((id) => logRecords(stdout()).some((record) => record.request_id === id)),
      10_000,
      "a request log line for each fresh id",
    );
    const logged = logRecords(stdout()).filter((record) => fresh.includes(String(record.request_id)));
    expect(logged.every((record) => record.message === "request completed")).toBe(true);
    expect(unsafeLogLines(stdout(), [FORGED])).toEqual([]);
    expect(stdout()).not.toContain("<script>");
    expect(stdout()).not.toContain("a".repeat(200));

    recordResult({
      area: "Hostile input",
      scenario: "x-request-id (sample API)",
      tried: "CR/LF, ANSI, U+2028, U+0085, forged JSON records, 10 KB and 129-character ids, duplicates",
      count: BAD_REQUEST_IDS.length,
      result: `${fresh.length} replaced by a fresh UUID in the answer and the log line, ${refusedByParser} with raw C0 controls refused by Node's HTTP parser (400); no raw control character or forged record in the log`,
    });
  });
});

interface BodyCase {
  name: string;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  expected: number;
}

function bodyCases(): BodyCase[] {
  const json = (name: string, body: string, expected = 400): BodyCase => ({
    name,
    body,
    contentType: "application/json",
    expected,
  });
  const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
  return [
    { name: "plain text", body: "hello", contentType: "text/plain", expected: 415 },
    { name: "XML", body: "<task><type>summarize</type></task>", contentType: "application/xml", expected: 415 },
    { name: "a form", body: "type=summarize", contentType: "application/x-www-form-urlencoded", expected: 415 },
    { name: "JSON sent as text/plain", body: '{"type":"summarize"}', contentType: "text/plain", expected: 415 },
    {
      name: "JSON in UTF-16",
      body: '{"type":"summarize"}',
      contentType: "application/json; charset=utf-16",
      expected: 400,
    },
    {
      name: "JSON in Latin-1",
      body: '{"type":"summarize"}',
      contentType: "application/json; charset=latin1",
      expected: 415,
    },
    {
      name: "an unknown content encoding",
      body: '{"type":"summarize"}',
      contentType: "application/json",
      headers: { "content-encoding": "x-evil" },
      expected: 415,
    },
    {
      name: "gzip that is not gzip",
      body: "not gzip at all",
      contentType: "application/json",
      headers: { "content-encoding": "gzip" },
      expected: 400,
    },
    json("malformed JSON", '{"type": "summarize",'),
    json("JSON null", "null"),
    json("a JSON string", '"summarize"'),
    json("a JSON number", "42"),
    json("a JSON array", '[{"type":"summarize"}]'),
    json("100,000 nested arrays (200 KB)", deep(100_000), 413),
    json("45,000 nested arrays (90 KB)", deep(45_000)),
    json("5,000 levels deep inside a payload", `{"type":"summarize","payload":{"a":${deep(5000)}}}`),
    json("__proto__ key", '{"type":"summarize","__proto__":{"admin":true}}'),
    json("constructor.prototype key", '{"type":"summarize","constructor":{"prototype":{"admin":true}}}'),
    json("1 MB string", `{"type":"${"a".repeat(1_048_576)}"}`, 413),
    json("duplicate keys, the last one bad", '{"type":"summarize","type":"Bad Type!"}'),
  ];
}

describe("hostile request bodies and ids", () => {
  it("answers bodies that are not JSON, too deep or too large with a clear 4xx, and stores nothing", async () => {
    const directory = dataDirectory("hostile-bodies");
    const app = await startApp({ DATA_DIR: directory });
    const stdout = collectStdout(app.child);
    const database = join(directory, "sample-api.db");
    const before = rowCounts(database, DOMAIN_TABLES);
    let sent = 0;
    const byStatus = new Map<number, number>();
    for (const path of DOMAIN_TABLES.map((table) => `/api/v1/${table}`)) {
      for (const body of bodyCases()) {
        const response = await fetch(`${app.url}${path}`, {
          method: "POST",
          headers: { ...(body.contentType ? { "content-type": body.contentType } : {}), ...body.headers },
          body: body.body,
        });
        sent++;
        byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
        const answer = (await response.json()) as { error?: unknown };
        expect([path, body.name, response.status]).toEqual([path, body.name, body.expected]);
        expect(typeof answer.error === "string" && answer.error.length > 0, JSON.stringify(answer)).toBe(true);
      }
    }
    expect(rowCounts(database, DOMAIN_TABLES)).toEqual(before);
    expect(await listedCounts(app.url)).toEqual({ agents: 0, tasks: 0, chains: 0, schedules: 0 });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(logRecords(stdout()).filter((record) => record.level === "error")).toEqual([]);
    expect(unsafeLogLines(stdout())).toEqual([]);
    // Control: the same endpoint stores a well-formed body, so "nothing stored" above means something.
    const created = await fetch(`${app.url}/api/v1/tasks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"type":"summarize"}',
    });
    expect(created.status).toBe(201);
    expect(rowCounts(database, ["tasks"]).tasks).toBe((before.tasks ?? 0) + 1);

    recordResult({
      area: "Hostile input",
      scenario: "HTTP bodies (sample API)",
      tried:
        "not JSON, wrong content types and encodings, 100k-level nesting, 1 MB bodies, __proto__ keys, to 4 endpoints",
      count: sent,
      result: `${[...byStatus].map(([status, count]) => `${count}× ${status}`).join(", ")}; every answer a JSON reason; 0 rows stored; no error logged`,
    });
  });

  it("answers unknown and hostile ids with 404 or 400, never 5xx", async () => {
    const app = await startApp();
    const stdout = collectStdout(app.child);
    const ids = [
      "nope",
      "x".repeat(10_000),
      "%00",
      "..%2F..%2Fetc%2Fpasswd",
      "%E2%80%A8",
      encodeURIComponent("'; DROP TABLE tasks; --"),
      "%ZZ",
      "%F0%9F%92%A9",
      encodeURIComponent("\u001b[31mred"),
    ];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const table of DOMAIN_TABLES) {
      for (const id of ids) {
        const requests: [string, string, string?][] = [["GET", `/api/v1/${table}/${id}`]];
        if (table === "tasks") requests.push(["POST", `/api/v1/tasks/${id}/complete`, '{"agent_id":"ghost"}']);
        if (table === "agents")
          requests.push(["POST", `/api/v1/agents/${id}/heartbeat`, '{"active_count":0,"trust_score":1}']);
        if (table === "schedules") requests.push(["DELETE", `/api/v1/schedules/${id}`]);
        for (const [method, path, body] of requests) {
          const response = await fetch(`${app.url}${path}`, {
            method,
            body,
            headers: body ? { "content-type": "application/json" } : {},
          });
          sent++;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect([method, path.slice(0, 80), [400, 404].includes(response.status)]).toEqual([
            method,
            path.slice(0, 80),
            true,
          ]);
        }
      }
    }
    expect(await listedCounts(app.url)).toEqual({ agents: 0, tasks: 0, chains: 0, schedules: 0 });
    expect(logRecords(stdout()).filter((record) => record.level === "error")).toEqual([]);
    expect(unsafeLogLines(stdout())).toEqual([]);

    recordResult({
      area: "Hostile input",
      scenario: "Unknown and hostile ids (sample API)",
      tried: "10 KB ids, NUL, traversal, SQL, bad percent-encoding, ANSI, on GET/POST/DELETE of every resource",
      count: sent,
      result: `${[...statuses].map(([status, count]) => `${count}× ${status}`).join(", ")}; no 5xx, nothing stored, no error logged`,
    });
  });
});
