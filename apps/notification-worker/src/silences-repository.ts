import { randomUUID } from "node:crypto";
import type { Db } from "./database.js";

export interface Silence {
  id: string;
  matchers: string[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  createdAt: string;
}

interface Row {
  id: string;
  matchers_json: string;
  starts_at: string;
  ends_at: string;
  created_by: string;
  comment: string;
  created_at: string;
}

const fromRow = (row: Row): Silence => ({
  id: row.id,
  matchers: JSON.parse(row.matchers_json) as string[],
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  createdBy: row.created_by,
  comment: row.comment,
  createdAt: row.created_at,
});

export function createSilencesRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO silences (id, matchers_json, starts_at, ends_at, created_by, comment, created_at)
     VALUES (@id, @matchers, @startsAt, @endsAt, @createdBy, @comment, @createdAt)`,
  );
  const all = db.prepare<[], Row>("SELECT * FROM silences ORDER BY created_at DESC LIMIT 1000");
  const active = db.prepare<[string, string], Row>("SELECT * FROM silences WHERE starts_at <= ? AND ends_at > ?");
  const get = db.prepare<[string], Row>("SELECT * FROM silences WHERE id = ?");
  const expire = db.prepare("UPDATE silences SET ends_at = ? WHERE id = ? AND ends_at > ?");
  return {
    add(input: Omit<Silence, "id" | "createdAt" | "startsAt">, now: Date): Silence {
      const silence: Silence = {
        id: randomUUID(),
        startsAt: now.toISOString(),
        createdAt: now.toISOString(),
        ...input,
      };
      insert.run({ ...silence, matchers: JSON.stringify(silence.matchers) });
      return silence;
    },
    list: (): Silence[] => all.all().map(fromRow),
    active: (now: Date): Silence[] => active.all(now.toISOString(), now.toISOString()).map(fromRow),
    get: (id: string): Silence | undefined => {
      const row = get.get(id);
      return row ? fromRow(row) : undefined;
    },
    /** Ends a silence now (kept for the record); false when it was already over. */
    expire: (id: string, now: Date): boolean => expire.run(now.toISOString(), id, now.toISOString()).changes === 1,
  };
}

export type SilencesRepository = ReturnType<typeof createSilencesRepository>;
