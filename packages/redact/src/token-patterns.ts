import type { Range } from "./ranges.js";

/*
 * Every pattern starts with a negative lookbehind of its own token alphabet, so a match can only
 * begin at the start of a token: each part of the text is scanned a bounded number of times and no
 * pattern nests quantifiers, which keeps hostile megabyte strings linear.
 */

// Three base64url segments, the first two JSON objects ("eyJ" is base64 for '{"'); the signature may be empty (alg none).
const jwt = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

const awsAccessKeyId = /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g;

// Every prefix below holds "_" or "-" but Google's "AIza": a text without them holds no provider token.
// A new prefix without either needs its own alternative here.
const providerTokenHint = /[_-]|AIza/;
const providerToken = new RegExp(
  [
    "(?<![A-Za-z0-9_-])(?:",
    [
      "gh[pousr]_[A-Za-z0-9]{36,255}", // GitHub classic, OAuth, app and refresh tokens
      "github_pat_[A-Za-z0-9_]{22,255}", // GitHub fine-grained tokens
      "xox[abposr]-[A-Za-z0-9-]{10,250}", // Slack bot, user and app tokens
      "(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,247}", // Stripe secret, restricted and publishable keys
      "whsec_[A-Za-z0-9+/=]{16,}", // Stripe webhook signing secrets
      "sk-(?=[A-Za-z0-9_-]{0,200}[0-9])[A-Za-z0-9_-]{20,}", // OpenAI (sk-proj-…) and Anthropic (sk-ant-…) keys hold a digit
      "AIza[A-Za-z0-9_-]{35}", // Google API keys
      "glpat-[A-Za-z0-9_-]{20,}", // GitLab personal access tokens
      "npm_[A-Za-z0-9]{36}", // npm tokens
    ].join("|"),
    ")",
  ].join(""),
  "g",
);

// `Bearer <token>` and `Basic <credentials>`; the scheme word stays visible.
const authorizationScheme = /(?<![A-Za-z0-9])(?:bearer|basic)[ \t]+([A-Za-z0-9\-._~+/]+=*)/gi;

// `scheme://user:password@` (the user may be empty, as in redis://:password@host); the password is masked.
const urlCredentials = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s:@/?#]{0,256}:([^\s@/?#]{1,1024})@/g;

const email = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+/g;

function collect(pattern: RegExp, text: string, ranges: Range[]): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    ranges.push([match.index, match.index + match[0].length]);
  }
}

// A credential is told from prose ("Basic authentication") by a digit, base64 padding or its length.
function looksLikeCredential(candidate: string): boolean {
  return candidate.length >= 8 && (/[0-9=+/]/.test(candidate) || candidate.length >= 24);
}

// Each finder first looks for what its pattern cannot match without (a plain search, far cheaper than the
// pattern's scan with its lookbehind), so ordinary text such as "127.0.0.1" or "/api/v1/tasks/42" costs little.

export function findJwts(text: string, ranges: Range[]): void {
  if (text.includes("eyJ")) collect(jwt, text, ranges);
}

export function findAwsAccessKeyIds(text: string, ranges: Range[]): void {
  if (text.includes("AKIA") || text.includes("ASIA")) collect(awsAccessKeyId, text, ranges);
}

export function findProviderTokens(text: string, ranges: Range[]): void {
  if (providerTokenHint.test(text)) collect(providerToken, text, ranges);
}

// The top-level domain is letters: "pkg@1.2.3" is a version, not an address.
const topLevelDomain = /\.[A-Za-z]{2,63}$/;

export function findEmails(text: string, ranges: Range[]): void {
  if (!text.includes("@")) return;
  email.lastIndex = 0;
  for (let match = email.exec(text); match !== null; match = email.exec(text)) {
    if (topLevelDomain.test(match[0])) ranges.push([match.index, match.index + match[0].length]);
  }
}

// The same words and flags as `authorizationScheme` (without `u`, no non-ASCII letter folds to these).
const authorizationHint = /bearer|basic/i;

export function findAuthorizationCredentials(text: string, ranges: Range[]): void {
  if (!authorizationHint.test(text)) return;
  authorizationScheme.lastIndex = 0;
  for (let match = authorizationScheme.exec(text); match !== null; match = authorizationScheme.exec(text)) {
    const credential = match[1] ?? "";
    if (!looksLikeCredential(credential)) continue;
    const end = match.index + match[0].length;
    ranges.push([end - credential.length, end]);
  }
}

export function findUrlCredentials(text: string, ranges: Range[]): void {
  if (!text.includes("@") || !text.includes("://")) return;
  urlCredentials.lastIndex = 0;
  for (let match = urlCredentials.exec(text); match !== null; match = urlCredentials.exec(text)) {
    const password = match[1] ?? "";
    const end = match.index + match[0].length - 1;
    ranges.push([end - password.length, end]);
  }
}
