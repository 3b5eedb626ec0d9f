import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

/** The one-line shell block that follows `<!-- marker -->` in the root README. */
async function readmeCommand(marker: string): Promise<string> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const match = readme.match(new RegExp(`<!-- ${marker} -->\\r?\\n\`\`\`sh\\r?\\n([^\\n]+)\\r?\\n\`\`\``));
  if (!match?.[1]) throw new Error(`README.md has no one-line sh block after <!-- ${marker} -->`);
  return match[1].trim();
}

describe("the root README's commands", () => {
  it("are CI's command: .ci/run runs the README's test line verbatim", async () => {
    const testCommand = await readmeCommand("test-command");
    const ciScript = await readFile(join(root, ".ci", "run"), "utf8");
    const commandLines = ciScript
      .split("\n")
      .filter((line) => line.trim() !== "" && !/^\s*(#|set |cd |export )/.test(line));
    expect(commandLines).toEqual([testCommand]);
  });

  it("install everything before they run anything", async () => {
    for (const marker of ["dev-command", "test-command"]) {
      const command = await readmeCommand(marker);
      expect(command, marker).toMatch(
        /npm i -g pnpm@\d+\.\d+\.\d+ && pnpm install --frozen-lockfile && pnpm (dev|test)$/,
      );
    }
  });
});
