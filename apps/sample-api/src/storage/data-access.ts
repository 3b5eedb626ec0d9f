import { context } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import { createDatabaseMetrics, type Metrics } from "@periscope/metrics";
import { databaseSpan } from "@periscope/tracing";
import type Database from "better-sqlite3";

export type Parameters = unknown[];

export interface Query<Row> {
  get(...parameters: Parameters): Row | undefined;
  all(...parameters: Parameters): Row[];
  run(...parameters: Parameters): { changes: number };
}

/** The one way the app reaches SQLite: every statement runs in a database span and is counted and timed. */
export interface DataAccess {
  readonly namespace: string;
  query<Row = Record<string, unknown>>(collection: string | undefined, sql: string): Query<Row>;
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn` with the spans of its statements left unrecorded (they are still counted and timed): for
   * background polls that run several times a second and mostly find nothing.
   */
  quietly<T>(fn: () => T): T;
  /** `SELECT 1`, for the health check. */
  ping(): void;
  /** Idempotent. */
  close(): void;
}

/**
 * A demo and testing knob (the sample API's CHAOS_DB_ERROR_RATE): this share of statements fails with a
 * `SimulatedDatabaseError` before reaching SQLite, so nothing is half-written, and is counted like a real
 * failure. Read at each statement, so changing it takes effect at once. The health check's ping is spared.
 */
export interface DatabaseFaults {
  readonly dbErrorRate?: number;
  /** The dice; Math.random by default. */
  readonly random?: () => number;
}

/** What a statement throws when `DatabaseFaults` picked it to fail; `code` is its `error_type` label. */
export class SimulatedDatabaseError extends Error {
  readonly code = "SIMULATED_FAULT";
  constructor() {
    super("simulated database error (CHAOS_DB_ERROR_RATE, a demo knob)");
    this.name = "SimulatedDatabaseError";
  }
}

export function createDataAccess(
  database: Database.Database,
  metrics: Metrics,
  namespace: string,
  faults: DatabaseFaults = {},
): DataAccess {
  const kit = createDatabaseMetrics(metrics);
  const labels = { database: namespace };
  kit.connectionsMax.set(labels, 1);
  kit.connectionsActive.set(labels, 1);
  const statements = new Map<string, Database.Statement>();
  let closed = false;

  function prepared(sql: string): Database.Statement {
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  function injectFault(): void {
    const rate = faults.dbErrorRate ?? 0;
    if (rate > 0 && (faults.random ?? Math.random)() < rate) throw new SimulatedDatabaseError();
  }

  function execute<T>(
    collection: string | undefined,
    sql: string,
    call: (statement: Database.Statement) => T,
    faulty = true,
  ): T {
    const operation = (sql.trim().match(/^[a-z]+/i)?.[0] ?? "other").toLowerCase();
    return databaseSpan({ system: "sqlite", query: sql, collection, namespace }, () => {
      const started = process.hrtime.bigint();
      try {
        if (faulty) injectFault();
        return call(prepared(sql));
      } catch (error) {
        kit.errors.inc({ ...labels, operation, error_type: errorType(error) });
        throw error;
      } finally {
        kit.queries.inc({ ...labels, operation });
        kit.queryDuration.observe({ ...labels, operation }, Number(process.hrtime.bigint() - started) / 1e9);
      }
    });
  }

  return {
    namespace,
    query<Row>(collection: string | undefined, sql: string): Query<Row> {
      return {
        get: (...parameters) =>
          execute(collection, sql, (statement) => statement.get(...parameters) as Row | undefined),
        all: (...parameters) => execute(collection, sql, (statement) => statement.all(...parameters) as Row[]),
        run: (...parameters) =>
          execute(collection, sql, (statement) => ({ changes: statement.run(...parameters).changes })),
      };
    },
    transaction: (fn) => database.transaction(fn)(),
    quietly: (fn) => context.with(suppressTracing(context.active()), fn),
    ping() {
      execute(undefined, "SELECT 1", (statement) => statement.get(), false);
    },
    close() {
      if (closed) return;
      closed = true;
      database.close();
      kit.connectionsActive.set(labels, 0);
    },
  };
}

function errorType(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && code !== "") return code;
  return error instanceof Error ? error.name : "unknown";
}
