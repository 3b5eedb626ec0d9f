import { describe, expect, it } from "vitest";
import { createKeyMatcher } from "./key-matcher.js";
import { createStringRedactor } from "./string-redactor.js";

const redactString = createStringRedactor({
  isSensitiveKey: createKeyMatcher(),
  mask: "[REDACTED]",
  redactEmails: false,
});

describe("createStringRedactor", () => {
  it("returns the very same string when nothing is found", () => {
    const text = "GET /api/v1/tasks 200 in 12 ms";
    expect(redactString(text)).toBe(text);
    expect(redactString("")).toBe("");
    expect(redactString("ok")).toBe("ok");
  });

  it("masks several kinds of secret in one text", () => {
    const text = "retry password=hunter2 with Bearer abcdef123456 against postgres://u:pw1@db/x card 4111111111111111";
    expect(redactString(text)).toBe(
      "retry password=[REDACTED] with Bearer [REDACTED] against postgres://u:[REDACTED]@db/x card [REDACTED]",
    );
  });

  // Each detector first checks for what its pattern cannot match without; these texts hold just that.
  it.each([
    ["4222222222222", "[REDACTED]"],
    ["4111 1111 1111 1111", "[REDACTED]"],
    ["4111-1111-1111-1111", "[REDACTED]"],
    [`AIza${"f".repeat(35)}`, "[REDACTED]"],
    ["BASIC dXNlcjpwYXNzd29yZA==", "BASIC [REDACTED]"],
    ["redis://:hunter22@cache", "redis://:[REDACTED]@cache"],
    ["AKIAIOSFODNN7EXAMPLE", "[REDACTED]"],
    ["secret=x", "secret=[REDACTED]"],
    [`npm_${"a".repeat(36)}`, "[REDACTED]"],
    ["eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.", "[REDACTED]"],
  ])("finds a secret in a text with nothing more than it needs: %s", (text, expected) => {
    expect(redactString(text)).toBe(expected);
  });

  it("is idempotent", () => {
    const once = redactString('token=abc123 {"password":"x"} Bearer abcdef123456');
    expect(redactString(once)).toBe(once);
  });

  it("masks emails only when asked", () => {
    const withEmails = createStringRedactor({ isSensitiveKey: createKeyMatcher(), mask: "***", redactEmails: true });
    expect(redactString("mail jane@example.com")).toBe("mail jane@example.com");
    expect(withEmails("mail jane@example.com")).toBe("mail ***");
    expect(withEmails("a@b.io")).toBe("***");
  });

  it.each([
    "The quick brown fox jumps over the lazy dog.",
    "request 550e8400-e29b-41d4-a716-446655440000 done",
    "2026-01-15T10:20:30.123Z level=info msg=started",
    "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7",
    "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "order 1234567890123 shipped, invoice 9876543210987654",
    "tokens_used: 1532, token_count: 123, max_tokens=4096",
    'llm usage {"prompt_tokens":12,"completion_tokens":30,"total_tokens":42}',
    "listening on http://127.0.0.1:3000",
    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
    "Basic auth is disabled; bearer tokens only",
    "elapsed 1767225600000 ms since epoch",
    "version @periscope/redact@1.2.3",
  ])("leaves ordinary text alone: %s", (text) => {
    expect(redactString(text)).toBe(text);
  });

  describe("hostile input finishes (linear-time patterns)", () => {
    const megabyte = 1024 * 1024;
    const hostile = [
      ["letters", "a".repeat(megabyte)],
      ["digits", "4".repeat(megabyte)],
      ["spaced digits", "4 ".repeat(megabyte / 2)],
      ["separators", "=:".repeat(megabyte / 2)],
      ["repeated keys", "token=".repeat(megabyte / 6)],
      ["unclosed quotes", 'password:"'.repeat(megabyte / 10)],
      ["escaped quotes", 'password:"\\"'.repeat(megabyte / 12)],
      ["jwt prefixes", "eyJ-".repeat(megabyte / 4)],
      ["jwt segments", `eyJ${"a".repeat(megabyte)}.eyJ`],
      ["url schemes", "a://:".repeat(megabyte / 5)],
      ["private key headers", "-----BEGIN PRIVATE KEY-----".repeat(megabyte / 27)],
      ["bearer words", "bearer ".repeat(megabyte / 7)],
      ["emails", "a@".repeat(megabyte / 2)],
      ["provider prefixes", "sk-".repeat(megabyte / 3)],
      ["backslash runs", Array.from({ length: 1400 }, (_, count) => `password:${"\\".repeat(count)}"`).join("")],
      ["one long backslash run", `password:${"\\".repeat(megabyte)}"x`],
    ] as const;

    const withEmails = createStringRedactor({ isSensitiveKey: createKeyMatcher(), mask: "#", redactEmails: true });
    it.each(hostile)("%s", (_, text) => {
      const output = withEmails(text);
      expect(typeof output).toBe("string");
      expect(output.length).toBeGreaterThan(0);
    });
  });
});
