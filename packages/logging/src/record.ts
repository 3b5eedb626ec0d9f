import { isErrorLike } from "./error-fields.js";
import type { JsonObject, Sanitizer } from "./sanitize.js";
import type { TraceIds } from "./trace-context.js";

/** What a log call hands to the format, captured in the caller's context at call time. */
export interface RecordInput {
  readonly level: string;
  readonly message: unknown;
  readonly timestamp: string;
  readonly requestId: string | undefined;
  readonly traceIds: TraceIds | undefined;
  /** A child logger's fields, sanitised once when the child was made. */
  readonly bound: JsonObject | undefined;
  readonly fields: unknown;
  /** Fields this package produced, already JSON-safe and redacted (the request log's). */
  readonly safe?: JsonObject | undefined;
}

// UUIDs (generated request ids) and hex ids (W3C trace and span ids) hold nothing to redact or
// neutralise; skipping the detectors for them keeps the per-record cost down.
const PLAIN_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16}|[0-9a-f]{32})$/;

const RESERVED_FIELDS = new Set(["timestamp", "level", "message"]);

/**
 * One log record as a JSON object: timestamp, level, message, service, request_id, trace_id and
 * span_id first (when known), then the child's fields, then the call's own fields. An Error given
 * as the message or as the fields lands in `error`. Fields named like the first three are kept as
 * `field_<name>`; request_id, trace_id, span_id and service given as fields win over the context.
 */
export function buildRecord(input: RecordInput, service: string, sanitizer: Sanitizer): JsonObject {
  let message = input.message;
  let fields = input.fields;
  let error: Error | undefined;
  if (typeof message === "object" && message !== null) {
    if (isErrorLike(message)) {
      error = message;
      message = safeMessageOf(message);
    } else if (fields === undefined) {
      fields = message;
      message = "";
    }
  }
  if (typeof fields === "object" && fields !== null && isErrorLike(fields)) {
    error = fields;
    fields = undefined;
  }

  const record: JsonObject = {
    timestamp: input.timestamp,
    level: input.level,
    message: typeof message === "string" ? sanitizer.text(message) : (sanitizer.value(message) ?? ""),
    service,
  };
  const explicit = typeof fields === "object" && fields !== null ? (fields as Record<string, unknown>) : undefined;
  const requestId = stringField(explicit, "request_id") ?? input.requestId;
  if (requestId !== undefined) record.request_id = safeId(requestId, sanitizer);
  const traceId = stringField(explicit, "trace_id") ?? input.traceIds?.trace_id;
  if (traceId !== undefined) record.trace_id = safeId(traceId, sanitizer);
  const spanId = stringField(explicit, "span_id") ?? input.traceIds?.span_id;
  if (spanId !== undefined) record.span_id = safeId(spanId, sanitizer);

  if (input.bound) Object.assign(record, input.bound);
  if (input.safe) Object.assign(record, input.safe);
  if (explicit) sanitizer.assignFields(record, explicit, 0, [explicit], renameReserved);
  else if (fields !== undefined) {
    const data = sanitizer.value(fields);
    if (data !== undefined) record.data = data;
  }
  if (error) record.error = sanitizer.value(error) ?? null;
  return record;
}

/** Sanitises a child logger's fields once, so each of its records only copies them. */
export function bindFields(fields: object, sanitizer: Sanitizer): JsonObject {
  const bound: JsonObject = {};
  sanitizer.assignFields(bound, fields, 0, [fields], renameReserved);
  return bound;
}

/** A correlation id as written: UUIDs and hex ids as they are, anything else through the sanitiser. */
export function safeId(id: string, sanitizer: Sanitizer): string {
  return PLAIN_ID.test(id) ? id : sanitizer.text(id);
}

function renameReserved(key: string): string {
  return RESERVED_FIELDS.has(key) ? `field_${key}` : key;
}

function stringField(fields: Record<string, unknown> | undefined, key: string): string | undefined {
  if (!fields) return undefined;
  try {
    const value = fields[key];
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}

function safeMessageOf(error: Error): string {
  try {
    return String(error.message ?? "");
  } catch {
    return "";
  }
}
