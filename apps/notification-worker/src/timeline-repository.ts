import type { Db } from "./database.js";

export type TimelineKind =
  | "received"
  | "escalated"
  | "attempt"
  | "dead_lettered"
  | "retry_requested"
  | "acknowledged"
  | "silenced"
  | "unsilenced"
  | "resolved";

/** One thing that happened to an alert: what the console's alert page shows, oldest first. */
export interface TimelineEvent {
  id: number;
  fingerprint: string;
  at: string;
  kind: TimelineKind;
  detail: Record<string, string | number | boolean | null>;
}

interface Row {
  id: number;
  fingerprint: string;
  at: string;
  kind: TimelineKind;
  detail_json: string;
}

const fromRow = (row: Row): TimelineEvent => ({
  id: row.id,
  fingerprint: row.fingerprint,
  at: row.at,
  kind: row.kind,
  detail: JSON.parse(row.detail_json) as TimelineEvent["detail"],
});

export function createTimelineRepository(db: Db) {
  const insert = db.prepare(
    "INSERT INTO alert_events (fingerprint, at, kind, detail_json) VALUES (@fingerprint, @at, @kind, @detail)",
  );
  // The newest `limit`, returned oldest first: a flapping alert keeps its page readable.
  const list = db.prepare<[string, number], Row>(
    "SELECT * FROM (SELECT * FROM alert_events WHERE fingerprint = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
  );
  return {
    record(fingerprint: string, kind: TimelineKind, at: Date, detail: TimelineEvent["detail"] = {}): void {
      insert.run({ fingerprint, at: at.toISOString(), kind, detail: JSON.stringify(detail) });
    },
    list: (fingerprint: string, limit = 500): TimelineEvent[] => list.all(fingerprint, limit).map(fromRow),
  };
}

export type TimelineRepository = ReturnType<typeof createTimelineRepository>;
