import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

export const DOMAIN_TABLES = ["agents", "tasks", "chains", "schedules"] as const;

/** A data directory of our own, so the test can open the app's SQLite file read-only. */
export function dataDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/** Rows in each table of a SQLite file, read-only (the app keeps writing in WAL mode). */
export function rowCounts(file: string, tables: readonly string[]): Record<string, number> {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      tables.map((table) => [table, (database.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
    );
  } finally {
    database.close();
  }
}

/** What a child writes to stdout from now on (its JSON log lines), as one growing string. */
export function collectStdout(child: ChildProcess): () => string {
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  return () => text;
}

/** Answers of the sample API's collection endpoints, to prove nothing was stored. */
export async function listedCounts(url: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DOMAIN_TABLES) {
    const body = (await (await fetch(`${url}/api/v1/${table}?limit=500`)).json()) as Record<string, unknown[]>;
    counts[table] = body[table]?.length ?? -1;
  }
  return counts;
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
