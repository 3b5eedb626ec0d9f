import { describe, expect, it } from "vitest";
import { createHeadersRedactor } from "./headers-redactor.js";
import { createKeyMatcher } from "./key-matcher.js";
import { createStringRedactor } from "./string-redactor.js";

function redactor(sensitiveKeys?: string[]) {
  const isSensitiveKey = createKeyMatcher(sensitiveKeys);
  const redactString = createStringRedactor({ isSensitiveKey, mask: "[REDACTED]", redactEmails: false });
  return createHeadersRedactor({ isSensitiveKey, redactString, redact: (value) => value, mask: "[REDACTED]" });
}

describe("createHeadersRedactor", () => {
  const redactHeaders = redactor();

  it("masks sensitive headers whole and scans the others", () => {
    const headers = {
      authorization: "Bearer abc.def",
      Cookie: "a=1; b=2",
      "set-cookie": ["sid=1; HttpOnly", "csrf=2"],
      "x-api-key": "k",
      "Proxy-Authorization": "Basic dXNlcjpwYXNz",
      "x-request-id": "req-1",
      referer: "https://example.com/cb?token=t0k3n&x=1",
      "content-length": 42,
      "x-empty": undefined,
    };
    expect(redactHeaders(headers)).toEqual({
      authorization: "[REDACTED]",
      Cookie: "[REDACTED]",
      "set-cookie": ["[REDACTED]", "[REDACTED]"],
      "x-api-key": "[REDACTED]",
      "Proxy-Authorization": "[REDACTED]",
      "x-request-id": "req-1",
      referer: "https://example.com/cb?token=[REDACTED]&x=1",
      "content-length": 42,
      "x-empty": undefined,
    });
  });

  it("masks the standard credential headers even when sensitiveKeys replaces the defaults", () => {
    expect(redactor(["ssn"])({ authorization: "x", cookie: "y", ssn: "z", host: "h" })).toEqual({
      authorization: "[REDACTED]",
      cookie: "[REDACTED]",
      ssn: "[REDACTED]",
      host: "h",
    });
  });

  it("scans each entry of a string[] header", () => {
    expect(redactHeaders({ via: ["1.1 a", "token=abc123"] })).toEqual({ via: ["1.1 a", "token=[REDACTED]"] });
  });

  it("does not mutate its input", () => {
    const headers = { authorization: "Bearer abc", "set-cookie": ["a=1"] };
    const snapshot = structuredClone(headers);
    redactHeaders(headers);
    expect(headers).toEqual(snapshot);
  });

  it("takes a fetch Headers and returns one", () => {
    const redacted = redactHeaders(new Headers({ Authorization: "Bearer abcdef123", Accept: "text/plain" }) as never);
    expect(redacted).toBeInstanceOf(Headers);
    const headers = redacted as unknown as Headers;
    expect(headers.get("authorization")).toBe("[REDACTED]");
    expect(headers.get("accept")).toBe("text/plain");
  });

  it("survives hostile header objects", () => {
    const hostile = Object.defineProperty({ ok: "1" }, "x-boom", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(redactHeaders(hostile)).toEqual({ ok: "1", "x-boom": "[REDACTED]" });
    expect(redactHeaders(null as never)).toBeNull();
    expect(redactHeaders(JSON.parse('{"__proto__":"x","a":"b"}'))).toEqual(JSON.parse('{"__proto__":"x","a":"b"}'));
  });
});
