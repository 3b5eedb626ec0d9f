import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface PendingChange {
  file: string;
  bump: string;
  summary: string;
}

function parseChangeset(file: string, text: string): Array<[string, PendingChange]> {
  const match = text.match(/^---\r?\n([\s\S]*?)\r?\n?---\r?\n([\s\S]*)$/);
  if (!match) throw new Error(`.changeset/${file} has no front matter`);
  const summary = (match[2] ?? "").trim();
  return (match[1] ?? "")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line): [string, PendingChange] => {
      const release = line.match(/^\s*["']?(.+?)["']?\s*:\s*(major|minor|patch|none)\s*$/);
      if (!release?.[1] || !release[2]) throw new Error(`.changeset/${file}: cannot read the release line "${line}"`);
      return [release[1], { file, bump: release[2], summary }];
    });
}

/** The pending changesets of a workspace, by package name. */
export async function readPendingChangesets(root: string): Promise<Map<string, PendingChange[]>> {
  const directory = join(root, ".changeset");
  const files = (await readdir(directory)).filter((file) => file.endsWith(".md") && file !== "README.md").sort();
  const byPackage = new Map<string, PendingChange[]>();
  for (const file of files) {
    for (const [name, change] of parseChangeset(file, await readFile(join(directory, file), "utf8"))) {
      byPackage.set(name, [...(byPackage.get(name) ?? []), change]);
    }
  }
  return byPackage;
}
