/** A name (matched against `error.name` and the constructor name), a pattern (against `name: message`) or a predicate. */
export type ErrorMatcher = string | RegExp | ((error: unknown) => boolean);

/** The HTTP status an error carries in `status` or `statusCode` (http-errors, Express, fetch wrappers). */
export function statusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === "number" ? status : statusCode;
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

export function errorTypeOf(error: unknown): string {
  if (error instanceof Error) return error.name || error.constructor?.name || "Error";
  if (error !== null && typeof error === "object") {
    const name = (error as { name?: unknown }).name;
    if (typeof name === "string" && name !== "") return name;
  }
  return typeof error === "object" ? "Error" : typeof error;
}

export interface IgnoreRules {
  /** Errors with an HTTP status below this are expected (validation, not found) and not sent. Default 500. */
  ignoreStatusBelow: number;
  ignoreErrors: readonly ErrorMatcher[];
}

/** True when the error is expected and must not become a Sentry event. A throwing predicate counts as no match. */
export function isIgnored(error: unknown, rules: IgnoreRules): boolean {
  const status = statusOf(error);
  if (status !== undefined && status < rules.ignoreStatusBelow) return true;
  if (rules.ignoreErrors.length === 0) return false;
  const type = errorTypeOf(error);
  const constructorName = error !== null && typeof error === "object" ? error.constructor?.name : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return rules.ignoreErrors.some((matcher) => {
    if (typeof matcher === "string") return matcher === type || matcher === constructorName;
    if (matcher instanceof RegExp) return matcher.test(`${type}: ${message}`);
    try {
      return matcher(error) === true;
    } catch {
      return false;
    }
  });
}

export function validateIgnoreErrors(value: unknown): readonly ErrorMatcher[] {
  if (value === undefined) return [];
  const ok =
    Array.isArray(value) && value.every((m) => typeof m === "string" || m instanceof RegExp || typeof m === "function");
  if (!ok) {
    throw new TypeError(
      "@periscope/sentry: option ignoreErrors must be an array of error names, RegExps or predicates.",
    );
  }
  return value as ErrorMatcher[];
}
