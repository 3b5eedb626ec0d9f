import { describe, expect, it } from "vitest";
import { escapeHelp, escapeLabelValue, formatLabelPairs, formatValue, negotiateFormat } from "./exposition-format.js";

describe("negotiateFormat", () => {
  it("gives OpenMetrics to the Accept header Prometheus sends", () => {
    const prometheus =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    expect(negotiateFormat(prometheus)).toBe("openmetrics");
  });

  it("gives Prometheus text when no Accept header, a browser's, or text ranked first", () => {
    expect(negotiateFormat(undefined)).toBe("prometheus");
    expect(negotiateFormat("text/html,application/xhtml+xml,*/*;q=0.8")).toBe("prometheus");
    expect(negotiateFormat("application/openmetrics-text;q=0.4,text/plain;q=0.9")).toBe("prometheus");
  });

  it("treats a zero or unreadable q-value as refusal and survives garbage", () => {
    expect(negotiateFormat("application/openmetrics-text;q=0")).toBe("prometheus");
    expect(negotiateFormat("application/openmetrics-text;q=banana")).toBe("prometheus");
    expect(negotiateFormat(";;;,,,=q\u0000")).toBe("prometheus");
    expect(negotiateFormat(`application/openmetrics-text,${"x".repeat(5000)}`)).toBe("prometheus");
  });
});

describe("escaping", () => {
  it("escapes backslash, newline and quote in label values", () => {
    expect(escapeLabelValue('a\\b\n"c"')).toBe('a\\\\b\\n\\"c\\"');
    expect(escapeLabelValue("plain")).toBe("plain");
  });

  it("escapes quotes in HELP only for OpenMetrics", () => {
    expect(escapeHelp('say "hi"\n', "prometheus")).toBe('say "hi"\\n');
    expect(escapeHelp('say "hi"\n', "openmetrics")).toBe('say \\"hi\\"\\n');
  });

  it("formats special values as the exposition formats spell them", () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.25].map(formatValue)).toEqual([
      "NaN",
      "+Inf",
      "-Inf",
      "0.25",
    ]);
  });

  it("puts a metric's own labels before the default labels it does not override", () => {
    expect(formatLabelPairs({ a: "1", service: "mine" }, { service: "default", env: "prod" })).toBe(
      'a="1",service="mine",env="prod"',
    );
  });
});
