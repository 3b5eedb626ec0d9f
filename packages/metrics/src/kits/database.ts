import type { Metrics } from "../create-metrics.js";
import { defineMetric } from "../definition.js";
import { createKit } from "../kit.js";

/** Seconds; from half a millisecond (an embedded SQLite read) to 2.5 s. */
export const DATABASE_QUERY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
] as const;

export const DATABASE_METRICS = {
  connectionsActive: defineMetric({
    name: "db_connections_active",
    help: "Connections in use, by database.",
    type: "gauge",
    labelNames: ["database"],
  }),
  connectionsMax: defineMetric({
    name: "db_connections_max",
    help: "Size limit of the connection pool, by database.",
    type: "gauge",
    labelNames: ["database"],
  }),
  queries: defineMetric({
    name: "db_queries_total",
    help: "Queries executed, by database and operation (select, insert, update, delete).",
    type: "counter",
    labelNames: ["database", "operation"],
  }),
  queryDuration: defineMetric({
    name: "db_query_duration_seconds",
    help: "Query execution time, by database and operation.",
    type: "histogram",
    labelNames: ["database", "operation"],
    buckets: DATABASE_QUERY_BUCKETS,
  }),
  errors: defineMetric({
    name: "db_errors_total",
    help: "Queries that failed, by database, operation and error code.",
    type: "counter",
    labelNames: ["database", "operation", "error_type"],
  }),
} as const;

/** Databases: connections active and max, queries, query duration, errors. */
export function createDatabaseMetrics(metrics: Metrics) {
  return createKit(metrics, DATABASE_METRICS);
}
