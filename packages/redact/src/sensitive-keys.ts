/**
 * Key names whose values are secrets. Matched case-insensitively after normalisation (see
 * `normalizeKey`), so "X-Api-Key", "apiKey" and "API_KEY" all match "api_key".
 */
export const DEFAULT_SENSITIVE_KEYS: readonly string[] = Object.freeze([
  "password",
  "passwd",
  "pwd",
  "passphrase",
  "secret",
  "client_secret",
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "auth_token",
  "session_token",
  "csrf_token",
  "xsrf_token",
  "api_key",
  "apikey",
  "x-api-key",
  "authorization",
  "proxy-authorization",
  "auth",
  "cookie",
  "set-cookie",
  "private_key",
  "secret_key",
  "credentials",
  "credential",
  "session",
  "session_id",
  "jwt",
  "bearer",
  "otp",
  "cvv",
  "cvc",
  "card_number",
  "credit_card",
  "ssn",
  "connection_string",
]);

/**
 * Wildcard rules that come with the defaults: `*x` matches normalised keys ending in x, `x*` those
 * starting with x, `*x*` those containing x. Suffixes rather than substrings for "token", so LLM
 * counters such as `tokens_used` or `token_count` stay visible while `csrfToken` does not.
 */
export const DEFAULT_SENSITIVE_KEY_RULES: readonly string[] = Object.freeze([
  "*password*",
  "*passwd*",
  "*passphrase*",
  "*secret",
  "*token",
  "*apikey",
  "*privatekey",
  "*secretkey",
  "*accesskey",
  "*credentials",
  "*cookie",
  "*sessionid",
  "*authorization",
]);

// ASCII punctuation and whitespace; letters of other scripts are kept.
const separators = /[\s!-/:-@[-`{-~]/g;

/** Lowercases and removes ASCII punctuation and whitespace: "X-Api-Key" → "xapikey". */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(separators, "");
}
