let secondStart = Number.NaN;
let secondPrefix = "";
let renderedAt = Number.NaN;
let rendered = "";

/**
 * The current time as an ISO 8601 string. Formatting a Date costs more than the rest of a request
 * log record's fields together (V8 prints it with snprintf), so it is done once a second: within
 * the second only the milliseconds change, and the string of the current millisecond is reused.
 */
export function isoTimestamp(): string {
  const now = Date.now();
  if (now === renderedAt) return rendered;
  renderedAt = now;
  const milliseconds = now - secondStart;
  if (milliseconds >= 0 && milliseconds < 1000) {
    rendered = `${secondPrefix}${milliseconds < 10 ? "00" : milliseconds < 100 ? "0" : ""}${milliseconds}Z`;
  } else {
    rendered = new Date(now).toISOString();
    // "2026-11-25T19:50:12." of "2026-11-25T19:50:12.345Z"; years past 9999 have another shape: no reuse.
    secondStart = rendered.length === 24 ? now - (now % 1000) : Number.NaN;
    secondPrefix = rendered.slice(0, 20);
  }
  return rendered;
}
