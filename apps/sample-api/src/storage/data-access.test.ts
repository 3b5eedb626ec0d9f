import { createMetrics } from "@periscope/metrics";
import { createTestTracing } from "@periscope/tracing";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDataAccess } from "./data-access.js";

const tracing = createTestTracing();
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

function setup() {
  const metrics = createMetrics();
  const database = new Database(":memory:");
  database.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)");
  return { metrics, data: createDataAccess(database, metrics, "test.db") };
}

describe("the data-access module", () => {
  it("runs each statement in a database span and counts and times it by operation", async () => {
    const { metrics, data } = setup();
    data.query("notes", "INSERT INTO notes (text) VALUES (?)").run("secret value");
    expect(data.query<{ text: string }>("notes", "SELECT text FROM notes WHERE id = 1").get()).toEqual({
      text: "secret value",
    });

    const [insert, select] = tracing.spans();
    expect(insert?.name).toBe("INSERT notes");
    expect(insert?.attributes).toMatchObject({
      "db.system.name": "sqlite",
      "db.namespace": "test.db",
      "db.collection.name": "notes",
      "db.query.text": "INSERT INTO notes (text) VALUES (?)",
    });
    expect(select?.attributes["db.query.text"]).toBe("SELECT text FROM notes WHERE id = ?");
    const text = await metrics.render();
    expect(text).toContain('db_queries_total{database="test.db",operation="insert"} 1');
    expect(text).toContain('db_query_duration_seconds_count{database="test.db",operation="select"} 1');
    expect(text).toContain('db_connections_active{database="test.db"} 1');
  });

  it("counts a failed statement by its SQLite error code, marks its span failed and rethrows", async () => {
    const { metrics, data } = setup();
    const insert = data.query("notes", "INSERT INTO notes (text) VALUES (?)");
    insert.run("one");
    expect(() => insert.run("one")).toThrow(/UNIQUE constraint failed/);
    const failed = tracing.spans().at(-1);
    expect(failed?.status.code).toBe(2);
    expect(failed?.attributes["error.type"]).toBe("SQLITE_CONSTRAINT_UNIQUE");
    const text = await metrics.render();
    expect(text).toContain(
      'db_errors_total{database="test.db",operation="insert",error_type="SQLITE_CONSTRAINT_UNIQUE"} 1',
    );
    expect(text).toContain('db_queries_total{database="test.db",operation="insert"} 2');
  });

  it("closes once and reports the connection gone", async () => {
    const { metrics, data } = setup();
    data.ping();
    data.close();
    data.close();
    expect(() => data.ping()).toThrow(/not open/);
    expect(await metrics.render()).toContain('db_connections_active{database="test.db"} 0');
  });
});
