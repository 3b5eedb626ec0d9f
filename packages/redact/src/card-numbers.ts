import { passesLuhn } from "./luhn.js";
import type { Range } from "./ranges.js";

// A run of digits with single spaces or dashes between them, not glued to a word on the left.
// One digit is required per repetition, so the run parses one way only: no backtracking blow-up.
const digitRun = /(?<![0-9A-Za-z_])[0-9](?:[ -]?[0-9])*/g;
const wordCharacter = /[0-9A-Za-z_]/;
const shortestCard = 13;
// As many digits in a row as the shortest card, single spaces or dashes between them: far cheaper to look for
// than `digitRun` with its lookbehind, and most texts with digits (addresses, paths, versions) have none.
const shortestCardRun = /[0-9](?:[ -]?[0-9]){12}/;
const maxGroupsPerCard = 6;

function isIdentifierEdge(text: string, separatorIndex: number, neighbourIndex: number): boolean {
  const separator = text[separatorIndex];
  const neighbour = text[neighbourIndex];
  return (separator === "-" || separator === ".") && neighbour !== undefined && wordCharacter.test(neighbour);
}

function isCardCandidate(digits: string): boolean {
  // Issuers' numbers start with 2-6 (Mastercard 2/5, Amex 3, Visa 4, Discover/UnionPay 6): this
  // keeps epoch-millisecond timestamps (1…) and zero-padded ids out.
  const first = digits.charCodeAt(0);
  return digits.length >= shortestCard && digits.length <= 19 && first >= 50 && first <= 54 && passesLuhn(digits);
}

/**
 * Payment card numbers: 13-19 digits, optionally grouped by spaces or dashes, that pass Luhn. In a
 * longer run of groups ("ref 4111 1111 1111 1111 2024"), windows of up to six groups are tried.
 */
export function findCardNumbers(text: string, ranges: Range[]): void {
  if (text.length < shortestCard || !shortestCardRun.test(text)) return;
  digitRun.lastIndex = 0;
  for (let match = digitRun.exec(text); match !== null; match = digitRun.exec(text)) {
    const run = match[0];
    const start = match.index;
    const end = start + run.length;
    if (run.length < shortestCard) continue;
    if (end < text.length && wordCharacter.test(text[end] as string)) continue;
    // Part of a dashed identifier such as a UUID.
    if (isIdentifierEdge(text, start - 1, start - 2) || isIdentifierEdge(text, end, end + 1)) continue;

    const groups: Array<{ start: number; digits: string }> = [];
    const groupPattern = /[0-9]+/g;
    for (let group = groupPattern.exec(run); group !== null; group = groupPattern.exec(run)) {
      groups.push({ start: start + group.index, digits: group[0] });
    }
    if (isCardCandidate(groups.map((group) => group.digits).join(""))) {
      ranges.push([start, end]);
      continue;
    }
    for (let first = 0; first < groups.length; first += 1) {
      let digits = "";
      for (let last = first; last < groups.length && last < first + maxGroupsPerCard; last += 1) {
        const group = groups[last] as { start: number; digits: string };
        digits += group.digits;
        if (digits.length > 19) break;
        if (isCardCandidate(digits)) {
          ranges.push([(groups[first] as { start: number }).start, group.start + group.digits.length]);
        }
      }
    }
  }
}
