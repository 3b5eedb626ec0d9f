import { describe, expect, it } from "vitest";
import { renderJson, renderPretty } from "./render.js";

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
