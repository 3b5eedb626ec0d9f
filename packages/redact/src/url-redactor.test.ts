import { describe, expect, it } from "vitest";
import { createKeyMatcher } from "./key-matcher.js";
import { createStringRedactor } from "./string-redactor.js";
import { createUrlRedactor } from "./url-redactor.js";

const isSensitiveKey = createKeyMatcher();
const redactString = createStringRedactor({ isSensitiveKey, mask: "[REDACTED]", redactEmails: false });
const redactUrl = createUrlRedactor({ isSensitiveKey, redactString, mask: "[REDACTED]" });

describe("createUrlRedactor", () => {
  it.each([
    ["https://user:pa55@example.com/a?b=1", "https://user:[REDACTED]@example.com/a?b=1"],
    ["/a?token=x", "/a?token=[REDACTED]"],
    ["/a?Token=x&page=2&API-KEY=y", "/a?Token=[REDACTED]&page=2&API-KEY=[REDACTED]"],
    ["/a?access%5Ftoken=x", "/a?access%5Ftoken=[REDACTED]"],
    ["/cb#access_token=abc&state=s1", "/cb#access_token=[REDACTED]&state=s1"],
    ["/search?q=Bearer%20abcdef123456", "/search?q=Bearer%20[REDACTED]"],
    ["/search?q=password%3Dhunter2", "/search?q=password%3D[REDACTED]"],
    ["/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig?x=1", "/reset/[REDACTED]?x=1"],
    ["https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r.git", "https://[REDACTED]@github.com/o/r.git"],
  ])("%s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it.each([
    "https://example.com/api/v1/tasks?page=2&limit=50#top",
    "/health",
    "?",
    "",
    "/a?=x&&b",
    "https://user@example.com/",
    "/a?tokens_used=12",
  ])("leaves %j as it was", (url) => {
    expect(redactUrl(url)).toBe(url);
  });

  it.each(["http://%zz:%zz@[::1", "/a?token=%E0%A4%A&b=%", "::::@@@??##", "\u0000\uD800"])(
    "does not throw on malformed %j",
    (url) => {
      expect(typeof redactUrl(url)).toBe("string");
    },
  );

  it("masks a malformed percent-encoded sensitive value", () => {
    expect(redactUrl("/a?token=%E0%A4%A")).toBe("/a?token=[REDACTED]");
  });

  it("returns non-strings as they are", () => {
    expect(redactUrl(undefined as unknown as string)).toBeUndefined();
  });
});
