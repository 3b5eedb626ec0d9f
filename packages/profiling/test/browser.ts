import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/**
 * Debian's chromium from PATH, headless, with no network chatter; never a downloaded browser. The
 * notification worker's console test launches it from here too.
 */
export async function launchChromium(
  viewport = { width: 1200, height: 800 },
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  let executablePath: string;
  try {
    executablePath = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium is needed for this test: apt-get install -y --no-install-recommends chromium");
  }
  const userDataDirectory = mkdtempSync(join(tmpdir(), "periscope-chromium-"));
  // playwright passes --user-data-dir itself for a persistent context, which is how a fresh one is given.
  const context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDirectory, { recursive: true, force: true });
    },
  };
}

/** The little of the DOM the page.evaluate() callbacks touch; this package compiles without the DOM lib. */
export interface PageElement {
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
}

export interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
