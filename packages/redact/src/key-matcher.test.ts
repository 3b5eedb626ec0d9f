import { describe, expect, it } from "vitest";
import { createKeyMatcher } from "./key-matcher.js";
import { DEFAULT_SENSITIVE_KEYS, normalizeKey } from "./sensitive-keys.js";

describe("normalizeKey", () => {
  it("lowercases and drops punctuation", () => {
    expect(normalizeKey("X-Api-Key")).toBe("xapikey");
    expect(normalizeKey("API_KEY")).toBe("apikey");
    expect(normalizeKey("user.password")).toBe("userpassword");
  });
});

describe("createKeyMatcher with the defaults", () => {
  const isSensitive = createKeyMatcher();

  it.each([
    "password",
    "Password",
    "PASSWD",
    "apiKey",
    "API_KEY",
    "X-Api-Key",
    "api-key",
    "Authorization",
    "proxy-authorization",
    "Set-Cookie",
    "client_secret",
    "clientSecret",
    "private_key",
    "access_token",
    "refreshToken",
    "csrfToken",
    "x-amz-security-token",
    "dbPassword",
    "password_confirmation",
    "user.password",
    "webhook_secret",
    "aws_secret_access_key",
    "sessionId",
    "credentials",
  ])("masks %s", (key) => {
    expect(isSensitive(key)).toBe(true);
  });

  it.each([
    "tokens_used",
    "token_count",
    "max_tokens",
    "prompt_tokens",
    "total_tokens",
    "username",
    "email",
    "id",
    "trace_id",
    "secretName",
    "status",
    "",
  ])("leaves %s visible", (key) => {
    expect(isSensitive(key)).toBe(false);
  });

  it("covers every listed default name", () => {
    for (const key of DEFAULT_SENSITIVE_KEYS) expect(isSensitive(key), key).toBe(true);
  });

  it("answers false for a non-string key instead of throwing", () => {
    expect(isSensitive(42 as unknown as string)).toBe(false);
  });

  it("gives the same answer from its cache", () => {
    for (let round = 0; round < 3; round += 1) {
      expect(isSensitive("apiKey")).toBe(true);
      expect(isSensitive("token_count")).toBe(false);
    }
  });

  it("keeps answering correctly past the cache limit", () => {
    for (let index = 0; index < 5000; index += 1) isSensitive(`field_${index}`);
    expect(isSensitive("password")).toBe(true);
    expect(isSensitive("field_1")).toBe(false);
  });
});

describe("createKeyMatcher with options", () => {
  it("replaces the defaults with sensitiveKeys", () => {
    const isSensitive = createKeyMatcher(["ssn_last4"]);
    expect(isSensitive("SSN-Last4")).toBe(true);
    expect(isSensitive("password")).toBe(false);
  });

  it("adds to the defaults with additionalSensitiveKeys", () => {
    const isSensitive = createKeyMatcher(undefined, ["tenant_pin", /^x-internal-/i]);
    expect(isSensitive("tenantPin")).toBe(true);
    expect(isSensitive("X-Internal-Route")).toBe(true);
    expect(isSensitive("password")).toBe(true);
    expect(isSensitive("route")).toBe(false);
  });

  it("supports *suffix, prefix* and *substring* wildcards", () => {
    const isSensitive = createKeyMatcher(["*pin", "secret*", "*magic*"]);
    expect(isSensitive("card_pin")).toBe(true);
    expect(isSensitive("secretKeyBase")).toBe(true);
    expect(isSensitive("the_magic_word")).toBe(true);
    expect(isSensitive("pinned")).toBe(false);
  });

  it("is not fooled by global RegExps keeping lastIndex", () => {
    const isSensitive = createKeyMatcher([/pin/g]);
    expect([isSensitive("pin"), isSensitive("pin"), isSensitive("pin")]).toEqual([true, true, true]);
  });

  it("throws a clear error for bad options", () => {
    expect(() => createKeyMatcher("password")).toThrow(/sensitiveKeys must be an array/);
    expect(() => createKeyMatcher(undefined, [42])).toThrow(
      /additionalSensitiveKeys must hold only strings or RegExps/,
    );
  });
});
