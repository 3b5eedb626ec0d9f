import { describe, expect, it } from "vitest";
import { HOSTILE_NAMES, hostileCpuProfile } from "../test/hostile-profile.js";
import { renderFlameGraph } from "./flame-graph.js";
import { cpuFrameTree } from "./frame-tree.js";

describe("renderFlameGraph", () => {
  const svg = renderFlameGraph(cpuFrameTree(hostileCpuProfile()), { title: "t <&>" });

  it("draws one <g> with a <title> per frame, idle samples left out", () => {
    const groups = svg.match(/<g>/g) ?? [];
    // all + main + five leaves
    expect(groups).toHaveLength(7);
    expect(svg.match(/<g><title>/g)).toHaveLength(7);
    expect(svg).not.toContain("(idle)");
    expect(svg).toContain("<title>all\n155 samples, 100.00% (self 0)</title>");
  });

  it("sizes frames by value including callees", () => {
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="17"/g)].map((m) => Number(m[1]));
    const [all, main] = widths;
    expect(all).toBeCloseTo(1180, 1);
    expect(main).toBeCloseTo(1180, 1);
    // leaf i has 10 * (i + 1) of 155 samples
    expect(widths[2]).toBeCloseTo((10 / 155) * 1180, 1);
    expect(widths[6]).toBeCloseTo((50 / 155) * 1180, 1);
  });

  it("escapes every XML special character and drops characters XML forbids", () => {
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<![CDATA[");
    expect(svg).not.toContain("<!--");
    expect(svg).toContain("&lt;/title&gt;&lt;/g&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(svg).toContain("a &amp; b &lt; c &gt; d &quot;quoted&quot; &apos;single&apos;");
    expect(svg).toContain("/srv/app/&lt;evil&gt;&amp;&quot;file&quot;.js:10");
    expect(svg).toContain(
      '<text x="600" y="20" text-anchor="middle" font-size="16" fill="#222">t &lt;&amp;&gt;</text>',
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that none are left
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(svg).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(svg.match(/<[^>]*>/g)?.every((tag) => /^<(\/?[a-z]+|\?xml)[\s>/]/.test(tag))).toBe(true);
  });

  it("truncates labels to fit their frame with '..' and leaves tiny frames unlabelled", () => {
    const longName = HOSTILE_NAMES[4] ?? "";
    const label = svg.match(/>(veryLongFunctionName[^<]*)<\/text>/)?.[1] ?? "";
    expect(label.endsWith("..")).toBe(true);
    expect(label.length).toBeLessThan(longName.length);
    const narrow = renderFlameGraph(cpuFrameTree(hostileCpuProfile()), { width: 40 });
    expect(narrow).not.toContain(">main</text>");
    expect(narrow).toContain("<title>main");
  });

  it("says so when nothing was sampled", () => {
    const empty = renderFlameGraph({ name: "all", file: "", line: 0, self: 0, total: 0, children: [] });
    expect(empty).toContain("no samples recorded");
    expect(empty).not.toContain("<g>");
  });
});
