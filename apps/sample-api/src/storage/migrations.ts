import type Database from "better-sqlite3";

/** Each entry moves the schema one version up; `PRAGMA user_version` records how far a file got. Append only. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE agents (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     capabilities TEXT NOT NULL,
     capacity INTEGER NOT NULL,
     active_count INTEGER NOT NULL DEFAULT 0,
     trust_score REAL NOT NULL,
     last_heartbeat_at INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE chains (
     id TEXT PRIMARY KEY,
     name TEXT,
     status TEXT NOT NULL,
     steps TEXT NOT NULL,
     current_step INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     finished_at INTEGER
   );
   CREATE TABLE schedules (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     task_type TEXT NOT NULL,
     priority TEXT NOT NULL,
     payload TEXT,
     interval_seconds INTEGER,
     cron TEXT,
     enabled INTEGER NOT NULL DEFAULT 1,
     next_run_at INTEGER NOT NULL,
     last_run_at INTEGER,
     last_result TEXT,
     runs INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE tasks (
     id TEXT PRIMARY KEY,
     type TEXT NOT NULL,
     priority TEXT NOT NULL,
     priority_rank INTEGER NOT NULL,
     payload TEXT,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     max_attempts INTEGER NOT NULL,
     routing_strategy TEXT NOT NULL,
     agent_id TEXT REFERENCES agents(id),
     chain_id TEXT REFERENCES chains(id),
     chain_step INTEGER,
     schedule_id TEXT REFERENCES schedules(id) ON DELETE SET NULL,
     result TEXT,
     error TEXT,
     llm TEXT,
     not_before INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     assigned_at INTEGER,
     finished_at INTEGER
   );
   CREATE INDEX tasks_by_status ON tasks (status, not_before);
   CREATE INDEX tasks_by_agent ON tasks (agent_id, status);
   CREATE INDEX tasks_by_chain ON tasks (chain_id, chain_step);
   CREATE INDEX tasks_by_created ON tasks (created_at);`,
];

/** Brings the file's schema up to date, one transaction per version; refuses a file from a newer build. */
export function migrate(database: Database.Database): number {
  const current = database.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database has schema version ${current}, newer than this build knows (${MIGRATIONS.length}); ` +
        "run a newer sample-api or point DATA_DIR elsewhere",
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    database.transaction(() => {
      database.exec(MIGRATIONS[version] as string);
      database.pragma(`user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length;
}
