import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "./migrations.js";

describe("schema migrations", () => {
  it("bring a new file to the latest version once, and leave a migrated file alone", () => {
    const database = new Database(":memory:");
    expect(migrate(database)).toBe(MIGRATIONS.length);
    expect(database.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(["agents", "chains", "schedules", "tasks"]);
    expect(() => migrate(database)).not.toThrow();
  });

  it("refuse a file written by a newer build", () => {
    const database = new Database(":memory:");
    database.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(database)).toThrow(/newer than this build knows/);
  });
});
