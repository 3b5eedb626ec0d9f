import { REDACTED } from "./constants.js";
import { createHeadersRedactor } from "./headers-redactor.js";
import { createKeyMatcher } from "./key-matcher.js";
import { createStringRedactor } from "./string-redactor.js";
import { createUrlRedactor } from "./url-redactor.js";
import { createValueRedactor } from "./value-redactor.js";

export interface RedactionPolicyOptions {
  /** Replaces the default sensitive key names and rules. Strings match normalised keys; `*x`, `x*`, `*x*` are wildcards. */
  sensitiveKeys?: readonly (string | RegExp)[];
  /** Added to the defaults (or to `sensitiveKeys`). */
  additionalSensitiveKeys?: readonly (string | RegExp)[];
  /** Mask email addresses found in strings. Default false. */
  redactEmails?: boolean;
  /** What replaces a secret. Default "[REDACTED]". */
  mask?: string;
  /** Objects nested deeper than this become "[Truncated]". Default 32. */
  maxDepth?: number;
}

export interface RedactionPolicy {
  /** A deep copy with values under sensitive keys masked and secrets in strings masked. Never throws, never mutates. */
  redact<T>(value: T): T;
  /** Masks the secrets found in free text. */
  redactString(text: string): string;
  /** Masks the password in userinfo, sensitive query/fragment parameters and secrets in the rest. */
  redactUrl(url: string): string;
  /** Masks sensitive headers whole and secrets in the other values. */
  redactHeaders<H extends Record<string, unknown>>(headers: H): H;
  isSensitiveKey(key: string): boolean;
}

export const DEFAULT_MAX_DEPTH = 32;
// Deeper recursion than this risks the call stack of whoever calls redact().
const maxAllowedDepth = 1_000;

function validateOptions(options: unknown): RedactionPolicyOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object") {
    throw new TypeError(`createRedactionPolicy(options): options must be an object, got ${String(options)}`);
  }
  const { mask, maxDepth, redactEmails } = options as RedactionPolicyOptions;
  if (mask !== undefined && typeof mask !== "string") {
    throw new TypeError(`redaction option mask must be a string, got ${typeof mask}`);
  }
  if (maxDepth !== undefined && (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > maxAllowedDepth)) {
    throw new RangeError(
      `redaction option maxDepth must be an integer from 0 to ${maxAllowedDepth}, got ${String(maxDepth)}`,
    );
  }
  if (redactEmails !== undefined && typeof redactEmails !== "boolean") {
    throw new TypeError(`redaction option redactEmails must be a boolean, got ${typeof redactEmails}`);
  }
  return options as RedactionPolicyOptions;
}

/** Builds a policy; throws a TypeError or RangeError naming the option when an option is invalid. */
export function createRedactionPolicy(options?: RedactionPolicyOptions): RedactionPolicy {
  const {
    sensitiveKeys,
    additionalSensitiveKeys,
    redactEmails = false,
    mask = REDACTED,
    maxDepth = DEFAULT_MAX_DEPTH,
  } = validateOptions(options);
  const isSensitiveKey = createKeyMatcher(sensitiveKeys, additionalSensitiveKeys);
  const detect = createStringRedactor({ isSensitiveKey, mask, redactEmails });
  const redactString = (text: string): string => {
    if (typeof text !== "string") return text;
    try {
      return detect(text);
    } catch {
      return mask;
    }
  };
  const redactUrl = createUrlRedactor({ isSensitiveKey, redactString, mask });
  const redactValue = createValueRedactor({ isSensitiveKey, redactString, redactUrl, mask, maxDepth });
  const redactHeaders = createHeadersRedactor({ isSensitiveKey, redactString, redact: redactValue, mask });

  return {
    redact: <T>(value: T): T => redactValue(value) as T,
    redactString,
    redactUrl,
    redactHeaders,
    isSensitiveKey,
  };
}
