import { createRedactionPolicy } from "@periscope/redact";
import { describe, expect, it } from "vitest";
import { createAlert } from "../alerts/alert.js";
import { templateContext } from "./context.js";
import { escapeHtml, escapeSlack, safeLink } from "./escape.js";
import { DEFAULT_TITLE_TEMPLATE, renderTemplate } from "./render.js";

const alert = createAlert({
  labels: { alertname: "HighLatency", service: "api", severity: "warning" },
  annotations: {
    summary: "p99 <b>high</b> & rising",
    description: "p99 latency is 2.3s (> 1s) for <!channel>",
    runbook_url: "https://runbooks.example.com/HighLatency",
  },
  value: 2.3,
});
const context = templateContext(alert, createRedactionPolicy());

describe("templates", () => {
  it("fills labels, annotations, value and runbook link", () => {
    const out = renderTemplate("{{labels.alertname}} on {{ labels.service }} = {{value}} see {{runbookUrl}}", context);
    expect(out).toBe("HighLatency on api = 2.3 see https://runbooks.example.com/HighLatency");
    expect(renderTemplate(DEFAULT_TITLE_TEMPLATE, context)).toBe("[FIRING] HighLatency: p99 <b>high</b> & rising");
    expect(renderTemplate("{{labels.missing}}|{{nothing}}", context)).toBe("|");
  });

  it("escapes values for Slack mrkdwn and HTML, not the template", () => {
    expect(renderTemplate("*{{description}}*", context, "slack")).toBe(
      "*p99 latency is 2.3s (&gt; 1s) for &lt;!channel&gt;*",
    );
    expect(renderTemplate("<b>{{summary}}</b>", context, "html")).toBe(
      "<b>p99 &lt;b&gt;high&lt;/b&gt; &amp; rising</b>",
    );
    expect(escapeSlack("a & <b>")).toBe("a &amp; &lt;b&gt;");
    expect(escapeHtml(`"'`)).toBe("&quot;&#39;");
  });

  it("falls back to annotations.value, and drops control characters", () => {
    const other = createAlert({ labels: { alertname: "X" }, annotations: { value: "97%", summary: "a\u001b[31mb" } });
    const ctx = templateContext(other, createRedactionPolicy());
    expect(renderTemplate("{{value}} {{summary}}", ctx)).toBe("97% a[31mb");
  });

  it("only links http(s)", () => {
    expect(safeLink("javascript:alert(1)")).toBeUndefined();
    expect(safeLink("not a url")).toBeUndefined();
    expect(safeLink("https://x.example/a")).toBe("https://x.example/a");
  });

  it("rejects a non-string template", () => {
    expect(() => renderTemplate(42 as never, context)).toThrow(/template must be a string/);
  });
});
