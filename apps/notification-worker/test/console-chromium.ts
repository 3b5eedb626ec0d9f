import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's chromium from PATH, headless, with no network chatter (as in packages/profiling); never a download. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  let executablePath: string;
  try {
    executablePath = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium is needed for this test: apt-get install -y --no-install-recommends chromium");
  }
  const userDataDirectory = mkdtempSync(join(tmpdir(), "notification-worker-chromium-"));
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
    viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDirectory, { recursive: true, force: true });
    },
  };
}
