import { findCardNumbers } from "./card-numbers.js";
import type { KeyMatcher } from "./key-matcher.js";
import { createKeyValueFinder } from "./key-values.js";
import { findPrivateKeys } from "./private-keys.js";
import { applyRanges, type Range } from "./ranges.js";
import {
  findAuthorizationCredentials,
  findAwsAccessKeyIds,
  findEmails,
  findJwts,
  findProviderTokens,
  findUrlCredentials,
} from "./token-patterns.js";

export type Detector = (text: string, ranges: Range[]) => void;

export interface StringRedactorOptions {
  isSensitiveKey: KeyMatcher;
  mask: string;
  redactEmails: boolean;
}

// The shortest secret a detector finds: a key-value pair such as "token=x", or an email "a@b.c".
const shortestCandidate = 7;
const shortestEmail = 5;
// Every detector needs one of these: a separator, a digit, a dash or underscore, or a known prefix.
const candidate = /[=:@_-]|[0-9]|eyJ|AKIA|ASIA|AIza|bearer|basic/i;

/** Masks the secrets found in free text; returns the same string when there is none. */
export function createStringRedactor(options: StringRedactorOptions): (text: string) => string {
  const detectors: Detector[] = [
    createKeyValueFinder(options.isSensitiveKey),
    findPrivateKeys,
    findJwts,
    findAwsAccessKeyIds,
    findProviderTokens,
    findAuthorizationCredentials,
    findUrlCredentials,
    findCardNumbers,
  ];
  if (options.redactEmails) detectors.push(findEmails);
  const { mask } = options;
  const shortest = options.redactEmails ? shortestEmail : shortestCandidate;

  return (text) => {
    if (text.length < shortest || !candidate.test(text)) return text;
    const ranges: Range[] = [];
    for (const detect of detectors) detect(text, ranges);
    return applyRanges(text, ranges, mask);
  };
}
