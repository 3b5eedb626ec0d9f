export { CIRCULAR, REDACTED, TRUNCATED, UNREADABLE } from "./constants.js";
export { SENSITIVE_HEADER_NAMES } from "./headers-redactor.js";
export { neutralizeLogInjection } from "./log-injection.js";
export { passesLuhn } from "./luhn.js";
export type { RedactionPolicy, RedactionPolicyOptions } from "./policy.js";
export { createRedactionPolicy, DEFAULT_MAX_DEPTH } from "./policy.js";
export { DEFAULT_SENSITIVE_KEY_RULES, DEFAULT_SENSITIVE_KEYS, normalizeKey } from "./sensitive-keys.js";
