import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startApp } from "../../apps/notification-worker/test/app-process.js";
import { payload } from "../../apps/notification-worker/test/payloads.js";
import { recordResult } from "./results.js";
import { logRecords, unsafeLogLines } from "./support/log-scan.js";
import { faultsMode } from "./support/mode.js";
import { collectStdout, dataDirectory, rowCounts } from "./support/sample-api.js";

// A fuzzed corpus of invalid Alertmanager webhook bodies against the built notification worker (a real
// process): every one is a 400 with a JSON reason, never a 500, and nothing reaches its SQLite file.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface HostileBody {
  kind: string;
  body: string;
  contentType: string;
}

const valid = () => payload([{ annotations: { summary: "fuzz" } }]) as unknown as Record<string, Json>;
const TOP_FIELDS = [
  "version",
  "groupKey",
  "truncatedAlerts",
  "status",
  "receiver",
  "groupLabels",
  "commonLabels",
  "commonAnnotations",
  "externalURL",
  "alerts",
] as const;
const ALERT_FIELDS = ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"] as const;
const STRING_FIELDS = new Set(["groupKey", "receiver", "externalURL", "generatorURL", "fingerprint"]);

/** A value of any JSON type except `type` (string, object, number, ...). */
const wrongType = (expected: "string" | "object" | "number" | "array") =>
  fc.oneof(
    ...[
      expected !== "string" ? fc.string({ maxLength: 20 }) : undefined,
      expected !== "number" ? fc.oneof(fc.integer(), fc.double({ noNaN: true })) : undefined,
      fc.boolean(),
      fc.constant(null),
      expected !== "array" ? fc.array(fc.integer(), { maxLength: 3 }) : undefined,
      expected !== "object" ? fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }) : undefined,
    ].filter((arbitrary) => arbitrary !== undefined),
  );

const expectedType = (field: string): "string" | "object" | "number" | "array" => {
  if (STRING_FIELDS.has(field) || field === "version" || field === "status" || field.endsWith("At")) return "string";
  if (field === "truncatedAlerts") return "number";
  if (field === "alerts") return "array";
  return "object";
};

const invalidDate = fc.oneof(
  fc.constantFrom("yesterday", "2026-13-45T25:61:00Z", "", "NaN", "0000-00-00T00:00:00Z", "2026-02-30T99:00:00Z"),
  fc.string({ maxLength: 30 }).filter((text) => Number.isNaN(Date.parse(text))),
);
const badLabelName = fc
  .string({ minLength: 1, maxLength: 20 })
  .filter((name) => !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name));
const pollutionKey = fc.constantFrom("__proto__", "constructor", "prototype");

const json = (kind: string, value: unknown): HostileBody => ({
  kind,
  body: JSON.stringify(value),
  contentType: "application/json",
});
const mutate = (change: (body: Record<string, Json>, alert: Record<string, Json>) => void) => {
  const body = valid();
  change(body, (body.alerts as Record<string, Json>[])[0] as Record<string, Json>);
  return body;
};

const hostileBody: fc.Arbitrary<HostileBody> = fc.oneof(
  fc.constantFrom(...TOP_FIELDS).map((field) =>
    json(
      `missing ${field}`,
      mutate((body) => delete body[field]),
    ),
  ),
  fc.constantFrom(...ALERT_FIELDS).map((field) =>
    json(
      `missing alerts[0].${field}`,
      mutate((_, alert) => delete alert[field]),
    ),
  ),
  fc
    .constantFrom(...TOP_FIELDS)
    .chain((field) => wrongType(expectedType(field)).map((value) => ({ field, value })))
    .map(({ field, value }) =>
      json(
        `wrong type of ${field}`,
        mutate((body) => {
          body[field] = value as Json;
        }),
      ),
    ),
  fc
    .constantFrom(...ALERT_FIELDS)
    .chain((field) => wrongType(expectedType(field)).map((value) => ({ field, value })))
    .map(({ field, value }) =>
      json(
        `wrong type of alerts[0].${field}`,
        mutate((_, alert) => {
          alert[field] = value as Json;
        }),
      ),
    ),
  fc.tuple(fc.constantFrom("startsAt", "endsAt"), invalidDate).map(([field, date]) =>
    json(
      `invalid ${field}`,
      mutate((_, alert) => {
        alert[field] = date;
      }),
    ),
  ),
  fc
    .string({ maxLength: 10 })
    .filter((version) => version !== "4")
    .map((version) =>
      json(
        "wrong version",
        mutate((body) => {
          body.version = version;
        }),
      ),
    ),
  fc
    .string({ maxLength: 10 })
    .filter((status) => status !== "firing" && status !== "resolved")
    .map((status) =>
      json(
        "unknown alert status",
        mutate((_, alert) => {
          alert.status = status;
        }),
      ),
    ),
  fc.integer({ min: 1001, max: 1500 }).map((count) =>
    json(
      "more than 1,000 alerts",
      mutate((body, alert) => {
        body.alerts = Array.from({ length: count }, () => alert);
      }),
    ),
  ),
  fc.constant(
    json(
      "no alerts",
      mutate((body) => {
        body.alerts = [];
      }),
    ),
  ),
  fc.integer({ max: -1 }).map((count) =>
    json(
      "negative truncatedAlerts",
      mutate((body) => {
        body.truncatedAlerts = count;
      }),
    ),
  ),
  badLabelName.map((name) =>
    json(
      "invalid label name",
      mutate((_, alert) => {
        (alert.labels as Record<string, Json>)[name] = "x";
      }),
    ),
  ),
  fc.constant(
    json(
      "missing alertname",
      mutate((_, alert) => {
        alert.labels = { service: "api" };
      }),
    ),
  ),
  fc.tuple(pollutionKey, fc.constantFrom("labels", "annotations")).map(([key, where]) => ({
    kind: `${key} object in ${where}`,
    // Written by hand: JSON.stringify would drop a __proto__ set through an object literal.
    body: JSON.stringify(valid()).replace(
      `"${where}":{`,
      `"${where}":{"${key}":{"polluted":"yes","prototype":{"polluted":"yes"}},`,
    ),
    contentType: "application/json",
  })),
  pollutionKey.map((key) => ({
    kind: `${key} replacing the body`,
    body: `{"${key}":{"version":"4","alerts":[]}}`,
    contentType: "application/json",
  })),
  fc
    .string({ maxLength: 200 })
    .filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    })
    .map((text) => ({ kind: "not JSON", body: text, contentType: "application/json" })),
  fc.integer({ min: 1, max: 2000 }).map((cut) => {
    const text = JSON.stringify(valid());
    return {
      kind: "truncated JSON",
      body: text.slice(0, Math.min(cut, text.length - 1)),
      contentType: "application/json",
    };
  }),
  fc
    .oneof(
      fc.constant(null),
      fc.integer(),
      fc.string({ maxLength: 10 }),
      fc.array(fc.constant(valid()), { maxLength: 2 }),
    )
    .map((value) => json("not an object", value)),
  fc
    .constantFrom(
      "text/plain",
      "application/xml",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "",
    )
    .map((contentType) => ({ kind: `content type "${contentType}"`, body: JSON.stringify(valid()), contentType })),
);

describe("fuzzed Alertmanager webhook payloads", () => {
  it("answers every invalid payload with 400 and a reason, never 500, and stores nothing", async () => {
    const runs = faultsMode().pick(300, 5000);
    const directory = dataDirectory("hostile-webhook");
    const app = await startApp({ DATA_DIR: directory, WORKER_CONFIG: "" });
    const stdout = collectStdout(app.child);
    const kinds = new Map<string, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(hostileBody, async ({ kind, body, contentType }) => {
        const response = await fetch(`${app.url}/webhooks/alertmanager`, {
          method: "POST",
          headers: contentType ? { "content-type": contentType } : {},
          body,
        });
        sent++;
        const family = kind.replace(/".*"/, "…");
        kinds.set(family, (kinds.get(family) ?? 0) + 1);
        const text = await response.text();
        expect([kind, response.status, text.slice(0, 300)]).toEqual([kind, 400, expect.any(String)]);
        const answer = JSON.parse(text) as { error?: unknown };
        expect(typeof answer.error === "string" && answer.error.length > 0, text).toBe(true);
      }),
      { numRuns: runs },
    );

    const alerts = (await (await fetch(`${app.url}/alerts`)).json()) as { alerts: unknown[] };
    expect(alerts.alerts).toEqual([]);
    const deliveries = (await (await fetch(`${app.url}/deliveries`)).json()) as { deliveries: unknown[] };
    expect(deliveries.deliveries).toEqual([]);
    const rows = rowCounts(join(directory, "worker.db"), ["alerts", "deliveries", "alert_events"]);
    expect(rows).toEqual({ alerts: 0, deliveries: 0, alert_events: 0 });
    expect(logRecords(stdout()).filter((record) => record.level === "error")).toEqual([]);
    expect(unsafeLogLines(stdout())).toEqual([]);
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);

    // Control: the same worker stores a valid payload, so "nothing stored" above could have failed.
    const accepted = await fetch(`${app.url}/webhooks/alertmanager`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(valid()),
    });
    expect(accepted.status).toBe(200);
    expect(rowCounts(join(directory, "worker.db"), ["alerts"]).alerts).toBe(1);

    recordResult({
      area: "Hostile input",
      scenario: "Fuzzed Alertmanager webhooks (notification worker)",
      tried: `fast-check corpus of ${kinds.size} kinds: missing fields, wrong types, invalid dates, >1,000 alerts, bad label names, __proto__/constructor keys, not JSON, wrong content types`,
      count: sent,
      result: `${sent} × 400 with a JSON reason, 0 × 5xx; 0 alerts, deliveries and events in SQLite`,
    });
  });
});
