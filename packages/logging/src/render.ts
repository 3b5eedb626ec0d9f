import type { JsonObject } from "./sanitize.js";
import type { LogFormat } from "./settings.js";

// Strings reaching here are already neutralised; this is the last guard for the three line
// breaks JSON.stringify leaves unescaped, so one record is always one line.
const HAS_UNESCAPED_BREAK = /[\u0085\u2028\u2029]/;
const UNESCAPED_BREAKS = /[\u0085\u2028\u2029]/g;

export function renderJson(record: JsonObject): string {
  return escapeBreaks(JSON.stringify(record));
}

function escapeBreaks(json: string): string {
  return HAS_UNESCAPED_BREAK.test(json) ? json.replace(UNESCAPED_BREAKS, escapeBreak) : json;
}

/** Strings that JSON needs no escape for, and that hold no line break: written between quotes as they are. */
const PLAIN_STRING = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;

function jsonString(value: string): string {
  return PLAIN_STRING.test(value) ? `"${value}"` : escapeBreaks(JSON.stringify(value));
}

/** Field names, messages and the service name recur on every line: each is rendered once. */
const renderedConstants = new Map<string, string>();
const MAX_RENDERED_CONSTANTS = 512;

function jsonConstant(value: string): string {
  let json = renderedConstants.get(value);
  if (json === undefined) {
    json = jsonString(value);
    if (renderedConstants.size >= MAX_RENDERED_CONSTANTS) renderedConstants.clear();
    renderedConstants.set(value, json);
  }
  return json;
}

function jsonValue(value: unknown): string {
  if (typeof value === "string") return jsonString(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  return renderJson({ value } as JsonObject).slice(9, -1);
}

/**
 * The line `renderJson` would write for a record of these leading fields followed by `fields`, built
 * without the record object: the request log writes one per request. `fields` must already be
 * JSON-safe (no undefined, functions or cycles), as the request log's are.
 */
export function renderJsonLine(
  timestamp: string,
  level: string,
  message: string,
  service: string,
  ids: { request_id?: string; trace_id?: string; span_id?: string },
  fields: JsonObject,
): string {
  // The timestamp (ISO 8601) and the level (a winston level name) never need escaping.
  let line = `{"timestamp":"${timestamp}","level":"${level}","message":${jsonConstant(message)},"service":${jsonConstant(service)}`;
  if (ids.request_id !== undefined) line += `,"request_id":${jsonString(ids.request_id)}`;
  if (ids.trace_id !== undefined) line += `,"trace_id":${jsonString(ids.trace_id)}`;
  if (ids.span_id !== undefined) line += `,"span_id":${jsonString(ids.span_id)}`;
  for (const key in fields) line += `,${jsonConstant(key)}:${jsonValue(fields[key])}`;
  return `${line}}`;
}

function escapeBreak(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

const COLORS: Record<string, string> = {
  error: "\u001b[31m",
  warn: "\u001b[33m",
  info: "\u001b[32m",
  http: "\u001b[36m",
  verbose: "\u001b[36m",
  debug: "\u001b[34m",
  silly: "\u001b[35m",
};
const RESET = "\u001b[39m";
const LEADING_FIELDS = new Set(["timestamp", "level", "message"]);

/** `12:00:00.000 INFO  message key=value ...` for a terminal; colours only on a TTY. */
export function renderPretty(record: JsonObject, colors: boolean): string {
  const level = String(record.level);
  const label = level.toUpperCase().padEnd(5);
  const time = String(record.timestamp).slice(11, 23);
  let line = `${time} ${colors ? `${COLORS[level] ?? ""}${label}${RESET}` : label} ${String(record.message)}`;
  for (const [key, value] of Object.entries(record)) {
    if (LEADING_FIELDS.has(key)) continue;
    line += ` ${key}=${typeof value === "string" && /^[^\s"=]*$/.test(value) ? value : renderJson({ v: value }).slice(5, -1)}`;
  }
  return line;
}

export function renderRecord(record: JsonObject, format: LogFormat, colors: boolean): string {
  return format === "json" ? renderJson(record) : renderPretty(record, colors);
}
