export type MatchType = "=" | "!=" | "=~" | "!~";

export interface Matcher {
  name: string;
  type: MatchType;
  value: string;
}

/** A matcher as written in config: `severity="critical"`, `service!=api`, `{ name, type, value }`. */
export type MatcherInput = string | Matcher;

export interface CompiledMatcher extends Matcher {
  matches(labels: Record<string, string>): boolean;
}

const pattern = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/s;

function unquote(raw: string, source: string): string {
  if (!raw.startsWith('"')) return raw;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === "string") return parsed;
  } catch {
    // reported below
  }
  throw new SyntaxError(`matcher ${source}: the quoted value is not a valid string`);
}

/** Parses `name op value` (value optionally double-quoted); throws a SyntaxError quoting the bad matcher. */
export function parseMatcher(text: string): Matcher {
  if (typeof text !== "string") throw new TypeError(`a matcher must be a string or an object, got ${typeof text}`);
  const match = pattern.exec(text);
  if (!match) throw new SyntaxError(`matcher ${JSON.stringify(text)} must look like name="value" (=, !=, =~ or !~)`);
  const [, name = "", type = "=", raw = ""] = match;
  return { name, type: type as MatchType, value: unquote(raw, JSON.stringify(text)) };
}

/** Compiles a matcher; regexes are anchored at both ends as in Prometheus and Alertmanager. */
export function compileMatcher(input: MatcherInput): CompiledMatcher {
  const matcher = typeof input === "string" ? parseMatcher(input) : input;
  if (matcher === null || typeof matcher !== "object" || typeof matcher.name !== "string") {
    throw new TypeError("a matcher object needs a string name, a type and a string value");
  }
  const { name, type, value } = matcher;
  if (typeof value !== "string") throw new TypeError(`matcher ${name}: value must be a string`);
  let test: (actual: string) => boolean;
  if (type === "=") test = (actual) => actual === value;
  else if (type === "!=") test = (actual) => actual !== value;
  else if (type === "=~" || type === "!~") {
    let regex: RegExp;
    try {
      regex = new RegExp(`^(?:${value})$`, "s");
    } catch (error) {
      throw new SyntaxError(
        `matcher ${name}${type}"${value}": invalid regular expression (${(error as Error).message})`,
      );
    }
    test = type === "=~" ? (actual) => regex.test(actual) : (actual) => !regex.test(actual);
  } else throw new TypeError(`matcher ${name}: type must be one of =, !=, =~, !~, got ${String(type)}`);
  // A missing label reads as the empty string, so `team!="x"` matches alerts without a team.
  return { name, type, value, matches: (labels) => test(labels[name] ?? "") };
}

export function compileMatchers(inputs: readonly MatcherInput[] | undefined): CompiledMatcher[] {
  if (inputs === undefined) return [];
  if (!Array.isArray(inputs)) throw new TypeError("matchers must be an array");
  return inputs.map(compileMatcher);
}

export function matchesAll(matchers: readonly CompiledMatcher[], labels: Record<string, string>): boolean {
  return matchers.every((matcher) => matcher.matches(labels));
}
