import { describe, expect, it } from "vitest";
import { createKeyMatcher } from "./key-matcher.js";
import { createKeyValueFinder } from "./key-values.js";
import { applyRanges, type Range } from "./ranges.js";

const find = createKeyValueFinder(createKeyMatcher());

function mask(text: string): string {
  const ranges: Range[] = [];
  find(text, ranges);
  return applyRanges(text, ranges, "#");
}

describe("createKeyValueFinder", () => {
  it.each([
    ["?user=bob&token=abc123&page=2", "?user=bob&token=#&page=2"],
    ["DB_PASSWORD=hunter2 ./run", "DB_PASSWORD=# ./run"],
    ["password: hunter2", "password: #"],
    ["aws_secret_access_key = wJalr", "aws_secret_access_key = #"],
    ['{"user":"bob","password":"p@ss, word"}', '{"user":"bob","password":"#"}'],
    ["{'apiKey': 'k-123'}", "{'apiKey': '#'}"],
    ['{"password":"a\\"b","x":1}', '{"password":"#","x":1}'],
    ['"{\\"password\\":\\"hunter2\\"}"', '"{\\"password\\":\\"#\\"}"'],
    ["--token=abc --force", "--token=# --force"],
    ["Password=pw1;Server=db", "Password=#;Server=db"],
    ["Authorization: Digest username=a, realm=b\nnext", "Authorization: #\nnext"],
    ["Cookie: theme=dark; session=abc", "Cookie: #"],
    ["token: Token abc123", "token: #"],
    ['{"password":"never closed', '{"password":"# closed'],
  ])("masks %j", (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it.each([
    "tokens_used: 1200, token_count=3, max_tokens: 4096",
    "at 12:30:45 user=bob",
    "https://example.com:8080/path",
    '{"password":"","token":null}',
    "password: [REDACTED]",
    '{"credentials": {"user": "a"}}',
  ])("leaves %j alone", (text) => {
    expect(mask(text)).toBe(text);
  });
});
