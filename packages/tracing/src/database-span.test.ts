import { SpanKind } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseSpan, sanitizeQuery } from "./database-span.js";
import { createTestTracing, type TestTracing } from "./testing.js";

describe("sanitizeQuery", () => {
  it("replaces literals and keeps placeholders and identifiers", () => {
    expect(sanitizeQuery("SELECT * FROM tasks WHERE id = 42 AND name = 'it''s secret' AND t2.x > -3.5e2")).toBe(
      "SELECT * FROM tasks WHERE id = ? AND name = ? AND t2.x > ?",
    );
    expect(sanitizeQuery("UPDATE tasks SET status = $1 WHERE id = :id OR id = ? OR id = @id")).toBe(
      "UPDATE tasks SET status = $1 WHERE id = :id OR id = ? OR id = @id",
    );
    expect(sanitizeQuery("SELECT col1\n  FROM   table2")).toBe("SELECT col1 FROM table2");
  });
});

describe("databaseSpan", () => {
  let tracing: TestTracing;
  beforeEach(() => {
    tracing = createTestTracing();
  });
  afterEach(async () => {
    await tracing.shutdown();
  });

  it("makes a CLIENT span named {operation} {collection} with the stable DB attributes", async () => {
    const rows = await databaseSpan(
      { system: "sqlite", namespace: "main", collection: "tasks", query: "select * from tasks where owner = 'alice'" },
      async () => [{ id: 1 }],
    );
    expect(rows).toEqual([{ id: 1 }]);
    const [span] = tracing.spans();
    expect(span?.name).toBe("SELECT tasks");
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.attributes).toEqual({
      "db.system.name": "sqlite",
      "db.namespace": "main",
      "db.collection.name": "tasks",
      "db.operation.name": "SELECT",
      "db.query.text": "select * from tasks where owner = ?",
    });
  });

  it("falls back to the namespace, then the system, for the name", () => {
    databaseSpan({ system: "sqlite", namespace: "app.db", operation: "VACUUM" }, () => undefined);
    databaseSpan({ system: "redis" }, () => undefined);
    expect(tracing.spans().map((span) => span.name)).toEqual(["VACUUM app.db", "redis"]);
  });
});
