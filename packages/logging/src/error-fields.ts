import type { JsonObject, Sanitizer } from "./sanitize.js";

const OWN_FIELDS = new Set(["name", "message", "stack", "cause", "errors"]);

/** Errors from this realm, other realms (vm, workers) and error-shaped objects from older libraries. */
export function isErrorLike(value: object): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";
}

/**
 * An Error as a JSON object that keeps what JSON.stringify and winston drop: `type` (the error's
 * name or class), `message`, `stack`, `cause` (nested errors too), AggregateError's `errors`, and
 * its own fields such as `code`.
 */
export function serializeError(error: Error, sanitizer: Sanitizer, depth: number, ancestors: object[]): JsonObject {
  const out: JsonObject = { type: sanitizer.text(read(error, errorType, sanitizer)) };
  out.message = sanitizer.text(read(error, (value) => String(value.message ?? ""), sanitizer));
  const stack = read(error, (value) => (typeof value.stack === "string" ? value.stack : ""), sanitizer);
  if (stack !== "") out.stack = sanitizer.text(stack);
  for (const key of ["cause", "errors"] as const) {
    if (!hasOwnOrInherited(error, key)) continue;
    try {
      const nested = sanitizer.value((error as unknown as Record<string, unknown>)[key], depth + 1, ancestors);
      if (nested !== undefined) out[key] = nested;
    } catch (thrown) {
      out[key] = sanitizer.thrown(thrown);
    }
  }
  const extra: JsonObject = {};
  sanitizer.assignFields(extra, error, depth, ancestors);
  for (const [key, value] of Object.entries(extra)) if (!OWN_FIELDS.has(key)) out[key] = value;
  return out;
}

function errorType(error: Error): string {
  const name = typeof error.name === "string" && error.name !== "" ? error.name : undefined;
  const constructorName = typeof error.constructor?.name === "string" ? error.constructor.name : undefined;
  // `class TimeoutError extends Error {}` without a name of its own still reports "Error".
  if (name === "Error" && constructorName && constructorName !== "Object") return constructorName;
  return name ?? constructorName ?? "Error";
}

function hasOwnOrInherited(error: Error, key: string): boolean {
  try {
    return key in error;
  } catch {
    return false;
  }
}

function read(error: Error, reader: (error: Error) => string, sanitizer: Sanitizer): string {
  try {
    return reader(error);
  } catch (thrown) {
    return sanitizer.thrown(thrown);
  }
}
