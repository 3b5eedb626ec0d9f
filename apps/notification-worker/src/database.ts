import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

const schema = `
CREATE TABLE IF NOT EXISTS alerts (
  fingerprint TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  alert_json TEXT NOT NULL,
  receivers_json TEXT NOT NULL,
  escalation TEXT,
  notified_steps INTEGER NOT NULL DEFAULT 0,
  inhibited_by TEXT
);
CREATE INDEX IF NOT EXISTS alerts_state ON alerts (state);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
  starts_at TEXT NOT NULL,
  receiver TEXT NOT NULL,
  alert_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS deliveries_alert ON deliveries (fingerprint, status, starts_at);
CREATE INDEX IF NOT EXISTS deliveries_updated ON deliveries (updated_at);
CREATE INDEX IF NOT EXISTS alerts_updated ON alerts (updated_at);
CREATE TABLE IF NOT EXISTS alert_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  fingerprint TEXT NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_events_alert ON alert_events (fingerprint, id);
CREATE TABLE IF NOT EXISTS silences (
  id TEXT PRIMARY KEY,
  matchers_json TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  comment TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

/**
 * Opens (creating if needed) `${dataDirectory}/worker.db` in WAL mode with synchronous=FULL: a
 * transaction that returned is on disk, so an alert answered 2xx survives a crash or a power cut.
 */
export function openDatabase(dataDirectory: string): Db {
  const file = join(dataDirectory, "worker.db");
  let db: Db | undefined;
  try {
    mkdirSync(dataDirectory, { recursive: true });
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 5000");
    db.exec(schema);
    return db;
  } catch (error) {
    db?.close();
    // Name the folder: "unable to open database file" alone does not say which one or what to fix.
    throw new Error(
      `DATA_DIR ${dataDirectory} is not usable (cannot create or write ${file}): ${(error as Error).message}`,
      { cause: error },
    );
  }
}
