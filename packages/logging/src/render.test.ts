import { createRedactionPolicy } from "@periscope/redact";
import { describe, expect, it } from "vitest";
import { buildRecord } from "./record.js";
import { renderJson, renderJsonLine, renderPretty } from "./render.js";
import { Sanitizer } from "./sanitize.js";

describe("renderJson", () => {
  it("escapes the line breaks JSON.stringify leaves raw, and still parses back", () => {
    const line = renderJson({ message: "a\u2028b\u2029c\u0085d" });
    expect(line).toBe('{"message":"a\\u2028b\\u2029c\\u0085d"}');
    expect(JSON.parse(line)).toEqual({ message: "a\u2028b\u2029c\u0085d" });
  });
});

describe("renderPretty", () => {
  const record = { timestamp: "2026-01-02T03:04:05.678Z", level: "warn", message: "slow", service: "api", ms: 12 };

  it("writes time, level, message and key=value pairs on one line", () => {
    expect(renderPretty(record, false)).toBe("03:04:05.678 WARN  slow service=api ms=12");
  });

  it("colours only the level, and only when asked", () => {
    const line = renderPretty(record, true);
    expect(line).toBe("03:04:05.678 \u001b[33mWARN \u001b[39m slow service=api ms=12");
  });

  it("quotes values with spaces and writes objects as JSON", () => {
    const line = renderPretty({ ...record, note: "two words", nested: { a: [1] } }, false);
    expect(line).toContain('note="two words" nested={"a":[1]}');
  });
});

describe("renderJsonLine", () => {
  // Each string goes into an id, the message, the service, a field name and a field value.
  const STRINGS = [
    "/api/v1/tasks/:id",
    'quote " and backslash \\',
    "line\nbreak\r\u2028\u2029\u0085",
    "tab\tnul\u0000 del\u007f esc\u001b[31m",
    "ünïcödé ✓ 🎉",
    "lone \ud800 surrogate",
    '{"json":true}',
    "",
  ];

  it("writes the same line as renderJson of the record buildRecord makes", () => {
    const sanitizer = new Sanitizer(createRedactionPolicy(), { maxStringLength: 8192, maxDepth: 10, maxEntries: 200 });
    for (const text of STRINGS) {
      const ids = { request_id: text, trace_id: "4bf92f3577b34da6a3ce929d0e0e4736", span_id: "00f067aa0ba902b7" };
      const fields = {
        method: "GET",
        route: text,
        [text || "empty"]: text,
        status: 200,
        duration_ms: 0.125,
        negative_zero: -0,
        not_a_number: Number.NaN,
        aborted: true,
        nested: { list: [1, text, null] },
      };
      const record = buildRecord(
        {
          level: "warn",
          message: text,
          timestamp: "2026-11-25T16:40:00.123Z",
          requestId: ids.request_id,
          traceIds: ids,
          bound: undefined,
          fields: undefined,
          safe: fields,
        },
        text,
        sanitizer,
      );
      const { request_id, trace_id, span_id } = record as Record<string, string>;
      const line = renderJsonLine(
        "2026-11-25T16:40:00.123Z",
        "warn",
        record.message as string,
        record.service as string,
        { request_id, trace_id, span_id },
        fields,
      );
      expect(line).toBe(renderJson(record));
      expect(line).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
    }
  });

  it("leaves out the ids it is not given", () => {
    expect(renderJsonLine("t", "info", "m", "s", {}, { a: 1 })).toBe(
      '{"timestamp":"t","level":"info","message":"m","service":"s","a":1}',
    );
  });
});
