import { describe, expect, it } from "vitest";
import { renderFlameGraph } from "../../src/flame-graph.js";
import { cpuFrameTree } from "../../src/frame-tree.js";
import { launchChromium, type PageDocument } from "../browser.js";
import { HOSTILE_NAMES, hostileCpuProfile } from "../hostile-profile.js";

describe("a flame graph of hostile function names in Chromium", () => {
  it("parses as XML, runs no script, and shows each name as plain text in its title", async () => {
    const svg = renderFlameGraph(cpuFrameTree(hostileCpuProfile()));
    const chromium = await launchChromium();
    try {
      const page = await chromium.context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`);
      const seen = await page.evaluate(() => {
        const document = (globalThis as unknown as { document: PageDocument }).document;
        return {
          parserError: document.querySelector("parsererror")?.textContent ?? null,
          scripts: document.querySelectorAll("script").length,
          titles: Array.from(document.querySelectorAll("g > title")).map((title) => title.textContent ?? ""),
        };
      });
      expect(seen.parserError).toBeNull();
      expect(seen.scripts).toBe(0);
      expect(dialogs).toEqual([]);
      expect(seen.titles).toHaveLength(7);
      for (const name of HOSTILE_NAMES.slice(0, 3)) {
        expect(seen.titles.some((title) => title.startsWith(`${name} (/srv/app/<evil>&"file".js:10)`))).toBe(true);
      }
    } finally {
      await chromium.close();
    }
  });
});
