import { type Attributes, type Span, SpanKind, type Tracer } from "@opentelemetry/api";
import { withSpan } from "./traced.js";

export interface DatabaseSpanOptions {
  /** `db.system.name`, e.g. "sqlite", "postgresql". */
  system: string;
  /** `db.query.text`. Literals are replaced by `?` before it is recorded; pass parameterised queries. */
  query?: string;
  /** `db.operation.name`, e.g. "SELECT"; default: the query's first keyword. */
  operation?: string;
  /** `db.collection.name`: the table. */
  collection?: string;
  /** `db.namespace`: the database (for SQLite, its file name). */
  namespace?: string;
  attributes?: Attributes;
  tracer?: Tracer;
}

/**
 * Runs a database call in a CLIENT span named `{db.operation.name} {target}` (target: the collection,
 * else the namespace), with the stable database semantic-convention attributes.
 */
export function databaseSpan<T>(options: DatabaseSpanOptions, fn: (span: Span) => T): T {
  const operation = options.operation ?? firstKeyword(options.query);
  const target = options.collection ?? options.namespace;
  const name = operation && target ? `${operation} ${target}` : (operation ?? target ?? options.system);
  const attributes: Attributes = { ...options.attributes, "db.system.name": options.system };
  if (options.namespace !== undefined) attributes["db.namespace"] = options.namespace;
  if (options.collection !== undefined) attributes["db.collection.name"] = options.collection;
  if (operation !== undefined) attributes["db.operation.name"] = operation;
  if (options.query !== undefined) attributes["db.query.text"] = sanitizeQuery(options.query);
  return withSpan({ name, kind: SpanKind.CLIENT, attributes, tracer: options.tracer }, fn);
}

/**
 * Replaces string and number literals of a SQL text with `?`, keeping placeholders (`?`, `$1`, `:name`,
 * `@name`) and identifiers, so values never reach the trace.
 */
export function sanitizeQuery(query: string): string {
  return query
    .replace(/'(?:[^']|'')*'/g, "?")
    .replace(/(?<![\w$:@.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/gi, "?")
    .replace(/\s+/g, " ")
    .trim();
}

function firstKeyword(query: string | undefined): string | undefined {
  const match = query?.trim().match(/^[a-z]+/i);
  return match ? match[0].toUpperCase() : undefined;
}
