import { describe, expect, it } from "vitest";
import { html, safeUrl } from "./html.js";

describe("html", () => {
  it("escapes every interpolated value, in text and in quoted attributes, but not nested html", () => {
    const summary = `<script>alert(1)</script> "quoted" & 'single'`;
    const out = html`<p title="${summary}">${summary}${html`<b>${"<i>"}</b>`}${[1, "<x>"]}${undefined}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;">' +
        "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;<b>&lt;i&gt;</b>1&lt;x&gt;</p>",
    );
  });

  it("links only http(s) URLs", () => {
    expect(safeUrl("https://runbooks.example/a?b=1")).toBe("https://runbooks.example/a?b=1");
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("data:text/html,<script>")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
  });
});
