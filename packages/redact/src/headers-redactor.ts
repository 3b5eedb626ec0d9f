import type { KeyMatcher } from "./key-matcher.js";

/** Header names masked whole whatever the policy's `sensitiveKeys` say. */
export const SENSITIVE_HEADER_NAMES: readonly string[] = Object.freeze([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "x-auth-token",
  "x-access-token",
  "x-csrf-token",
  "x-xsrf-token",
  "x-amz-security-token",
  "x-goog-api-key",
]);

export interface HeadersRedactorOptions {
  isSensitiveKey: KeyMatcher;
  redactString: (text: string) => string;
  redact: (value: unknown) => unknown;
  mask: string;
}

/**
 * Masks sensitive headers whole (each entry of a `set-cookie` array too) and runs the others
 * through the string detectors. Takes a plain object (Node's IncomingHttpHeaders, an outgoing
 * header map) or a fetch `Headers`, and returns the same kind.
 */
export function createHeadersRedactor(options: HeadersRedactorOptions) {
  const { isSensitiveKey, redactString, redact, mask } = options;
  const alwaysSensitive = new Set(SENSITIVE_HEADER_NAMES);
  const isSensitiveHeader = (name: string) => alwaysSensitive.has(name.toLowerCase()) || isSensitiveKey(name);

  const redactValue = (name: string, value: unknown): unknown => {
    if (value === undefined || value === null) return value;
    if (isSensitiveHeader(name)) return Array.isArray(value) ? value.map(() => mask) : mask;
    if (typeof value === "string") return redactString(value);
    if (Array.isArray(value))
      return value.map((item) => (typeof item === "string" ? redactString(item) : redact(item)));
    return redact(value);
  };

  return <H extends Record<string, unknown>>(headers: H): H => {
    try {
      if (headers === null || typeof headers !== "object") return headers;
      if (typeof Headers !== "undefined" && headers instanceof Headers) {
        const copy = new Headers();
        headers.forEach((value, name) => {
          copy.append(name, String(redactValue(name, value)));
        });
        return copy as unknown as H;
      }
      const copy: Record<string, unknown> = {};
      for (const name of Object.keys(headers)) {
        let value: unknown;
        try {
          value = redactValue(name, headers[name]);
        } catch {
          value = mask;
        }
        if (name === "__proto__") {
          Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
        } else {
          copy[name] = value;
        }
      }
      return copy as H;
    } catch {
      return {} as H;
    }
  };
}
