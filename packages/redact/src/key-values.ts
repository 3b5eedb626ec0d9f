import type { KeyMatcher } from "./key-matcher.js";
import type { Range } from "./ranges.js";
import { normalizeKey } from "./sensitive-keys.js";

const separator = /[=:]/g;
const maxKeyLength = 64;
const maxSpacesAroundSeparator = 3;
// JSON escaped inside JSON three times over needs 7 backslashes before a quote.
const maxEscapeDepth = 15;
// Header names whose value runs to the end of the line ("Cookie: a=1; b=2").
const wholeLineKeys = new Set(["authorization", "proxyauthorization", "cookie", "setcookie"]);
// Authorization schemes: "token: Token abc123" masks both words.
const schemes = new Set(["bearer", "basic", "digest", "token", "bot", "apikey", "negotiate", "ntlm", "hoba", "mutual"]);
// Literals that say "no value" and hold nothing to hide.
const emptyLiterals = new Set(["null", "undefined", "none", "nil"]);

function isKeyCharacter(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 45 || // -
    code === 46 // .
  );
}

function isDelimiter(character: string | undefined): boolean {
  return character === undefined || " \t\r\n\f\v&,;\"'<>#}])".includes(character);
}

function isQuote(character: string | undefined): character is '"' | "'" {
  return character === '"' || character === "'";
}

function isEscaped(text: string, position: number): boolean {
  let backslashes = 0;
  for (let index = position - 1; index >= 0 && text[index] === "\\"; index -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

/**
 * The next occurrence of a needle at or after `from`, remembering the last answer: a later search
 * that starts before that answer gets the same one, so hostile texts with many unclosed quotes stay
 * linear instead of rescanning to the end each time.
 */
function createFinder(text: string, needle: string, skipEscaped: boolean): (from: number) => number {
  let lastFrom = Number.POSITIVE_INFINITY;
  let lastFound = -1;
  return (from) => {
    if (from >= lastFrom && (lastFound === -1 || from <= lastFound)) return lastFound;
    let position = text.indexOf(needle, from);
    while (skipEscaped && position !== -1 && isEscaped(text, position)) position = text.indexOf(needle, position + 1);
    lastFrom = from;
    lastFound = position;
    return position;
  };
}

function endOfToken(text: string, from: number): number {
  let end = from;
  while (!isDelimiter(text[end])) end += 1;
  return end;
}

function endOfLine(text: string, from: number): number {
  let end = from;
  while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end += 1;
  return end;
}

/**
 * Values written after a sensitive key inside free text: `password=…` (query strings, env dumps,
 * CLI flags), `token: …` (YAML, log fields, header lines), `"secret":"…"` (JSON, also when the JSON
 * is itself escaped inside a JSON string) and `'apiKey': '…'`. The key is read backwards from each
 * `=` or `:`, so text without separators costs one scan.
 */
export function createKeyValueFinder(isSensitiveKey: KeyMatcher): (text: string, ranges: Range[]) => void {
  return (text, ranges) => {
    if (!text.includes("=") && !text.includes(":")) return;
    const finders = new Map<string, (from: number) => number>();
    const find = (needle: string, from: number, skipEscaped: boolean) => {
      let finder = finders.get(needle);
      if (!finder) {
        finder = createFinder(text, needle, skipEscaped);
        finders.set(needle, finder);
      }
      return finder(from);
    };

    separator.lastIndex = 0;
    for (let match = separator.exec(text); match !== null; match = separator.exec(text)) {
      const at = match.index;
      let keyEnd = at;
      // "key = value" (INI, TOML, aws credentials files)
      while (at - keyEnd < maxSpacesAroundSeparator && (text[keyEnd - 1] === " " || text[keyEnd - 1] === "\t"))
        keyEnd -= 1;
      if (isQuote(text[keyEnd - 1])) {
        keyEnd -= 1;
        while (text[keyEnd - 1] === "\\") keyEnd -= 1;
      }
      let keyStart = keyEnd;
      while (keyStart > 0 && keyEnd - keyStart < maxKeyLength && isKeyCharacter(text.charCodeAt(keyStart - 1))) {
        keyStart -= 1;
      }
      if (keyStart === keyEnd) continue;
      const key = text.slice(keyStart, keyEnd);
      if (!isSensitiveKey(key)) continue;

      let valueStart = at + 1;
      for (
        let spaces = 0;
        spaces < maxSpacesAroundSeparator && (text[valueStart] === " " || text[valueStart] === "\t");
        spaces += 1
      ) {
        valueStart += 1;
      }
      let start = valueStart;
      let end = -1;
      const first = text[valueStart];
      if (isQuote(first)) {
        start = valueStart + 1;
        end = find(first, start, true);
      } else if (first === "\\") {
        // JSON inside a JSON string (\"…\"), or deeper (\\\"…\\\"): the closing quote is escaped alike.
        let backslashes = 1;
        while (text[valueStart + backslashes] === "\\" && backslashes < maxEscapeDepth) backslashes += 1;
        if (isQuote(text[valueStart + backslashes])) {
          start = valueStart + backslashes + 1;
          end = find(text.slice(valueStart, start), start, false);
        }
      } else if (first === "[" || first === "{" || first === "(") {
        continue;
      }
      if (end === -1) {
        if (match[0] === ":" && wholeLineKeys.has(normalizeKey(key))) {
          end = endOfLine(text, start);
        } else {
          end = endOfToken(text, start);
          const word = text.slice(start, end);
          if (emptyLiterals.has(word)) continue;
          if (schemes.has(word.toLowerCase()) && text[end] === " " && !isDelimiter(text[end + 1])) {
            end = endOfToken(text, end + 1);
          }
        }
      }
      if (end <= start) continue;
      ranges.push([start, end]);
      separator.lastIndex = Math.max(separator.lastIndex, end);
    }
  };
}
