let renderedAt = Number.NaN;
let rendered = "";

/**
 * The current time as an ISO 8601 string. Formatting a Date costs more than the rest of a request
 * log record's fields together; a busy server logs many records per millisecond, so the string of
 * the current millisecond is reused.
 */
export function isoTimestamp(): string {
  const now = Date.now();
  if (now !== renderedAt) {
    renderedAt = now;
    rendered = new Date(now).toISOString();
  }
  return rendered;
}
