import { DEFAULT_SENSITIVE_KEY_RULES, DEFAULT_SENSITIVE_KEYS, normalizeKey } from "./sensitive-keys.js";

export type KeyPattern = string | RegExp;
export type KeyMatcher = (key: string) => boolean;

const cacheLimit = 2048;
const cacheableLength = 256;

interface CompiledPatterns {
  exact: Set<string>;
  prefixes: string[];
  suffixes: string[];
  substrings: string[];
  expressions: RegExp[];
}

function compile(patterns: readonly KeyPattern[]): CompiledPatterns {
  const compiled: CompiledPatterns = { exact: new Set(), prefixes: [], suffixes: [], substrings: [], expressions: [] };
  for (const pattern of patterns) {
    if (pattern instanceof RegExp) {
      // Without g/y, test() keeps no lastIndex state between keys.
      compiled.expressions.push(new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")));
      continue;
    }
    const leading = pattern.startsWith("*");
    const trailing = pattern.length > 1 && pattern.endsWith("*");
    const core = normalizeKey(pattern.slice(leading ? 1 : 0, trailing ? -1 : undefined));
    if (core === "") continue;
    if (leading && trailing) compiled.substrings.push(core);
    else if (leading) compiled.suffixes.push(core);
    else if (trailing) compiled.prefixes.push(core);
    else compiled.exact.add(core);
  }
  return compiled;
}

function validate(name: string, patterns: unknown): readonly KeyPattern[] {
  if (patterns === undefined) return [];
  if (!Array.isArray(patterns)) {
    throw new TypeError(`redaction option ${name} must be an array of strings or RegExps, got ${typeof patterns}`);
  }
  for (const pattern of patterns) {
    if (typeof pattern !== "string" && !(pattern instanceof RegExp)) {
      throw new TypeError(`redaction option ${name} must hold only strings or RegExps, got ${typeof pattern}`);
    }
  }
  return patterns as readonly KeyPattern[];
}

/**
 * Builds the case-insensitive key test of a policy: `sensitiveKeys` replaces the defaults (names and
 * wildcard rules), `additionalSensitiveKeys` adds to whichever set is in force. RegExps are tested
 * against the key as written. Results are cached, since the same keys come back on every log line.
 */
export function createKeyMatcher(sensitiveKeys?: unknown, additionalSensitiveKeys?: unknown): KeyMatcher {
  const base =
    sensitiveKeys === undefined
      ? [...DEFAULT_SENSITIVE_KEYS, ...DEFAULT_SENSITIVE_KEY_RULES]
      : validate("sensitiveKeys", sensitiveKeys);
  const { exact, prefixes, suffixes, substrings, expressions } = compile([
    ...base,
    ...validate("additionalSensitiveKeys", additionalSensitiveKeys),
  ]);
  const cache = new Map<string, boolean>();

  const evaluate = (key: string): boolean => {
    const normalized = normalizeKey(key);
    if (exact.has(normalized)) return true;
    for (const suffix of suffixes) if (normalized.endsWith(suffix)) return true;
    for (const prefix of prefixes) if (normalized.startsWith(prefix)) return true;
    for (const part of substrings) if (normalized.includes(part)) return true;
    for (const expression of expressions) if (expression.test(key)) return true;
    return false;
  };

  return (key) => {
    if (typeof key !== "string") return false;
    if (key.length > cacheableLength) return evaluate(key);
    let sensitive = cache.get(key);
    if (sensitive === undefined) {
      sensitive = evaluate(key);
      if (cache.size >= cacheLimit) cache.clear();
      cache.set(key, sensitive);
    }
    return sensitive;
  };
}
