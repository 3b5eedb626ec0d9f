import { describe, expect, it } from "vitest";
import { applyRanges, type Range } from "./ranges.js";
import {
  findAuthorizationCredentials,
  findAwsAccessKeyIds,
  findEmails,
  findJwts,
  findProviderTokens,
  findUrlCredentials,
} from "./token-patterns.js";

type Finder = (text: string, ranges: Range[]) => void;

function mask(find: Finder, text: string): string {
  const ranges: Range[] = [];
  find(text, ranges);
  return applyRanges(text, ranges, "#");
}

const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

describe("findJwts", () => {
  it("masks a JWT, also an unsigned one", () => {
    expect(mask(findJwts, `token ${jwt} ok`)).toBe("token # ok");
    expect(mask(findJwts, "x eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0. y")).toBe("x # y");
  });

  it("leaves dotted words and base64 without the JSON header alone", () => {
    for (const text of ["version 1.2.3", "abc.def.ghi", "eyJ.eyJ.x", "SGVsbG8.d29ybGQ.IQ"]) {
      expect(mask(findJwts, text)).toBe(text);
    }
  });
});

describe("findAwsAccessKeyIds", () => {
  it("masks AKIA and ASIA key ids", () => {
    expect(mask(findAwsAccessKeyIds, "key AKIAIOSFODNN7EXAMPLE, ASIAIOSFODNN7EXAMPLE")).toBe("key #, #");
  });

  it("needs exactly 16 characters after the prefix", () => {
    expect(mask(findAwsAccessKeyIds, "AKIAIOSFODNN7EXAMPL")).toBe("AKIAIOSFODNN7EXAMPL");
    expect(mask(findAwsAccessKeyIds, "AKIAIOSFODNN7EXAMPLEX")).toBe("AKIAIOSFODNN7EXAMPLEX");
  });
});

describe("findProviderTokens", () => {
  const tokens = [
    ["gh", "p_", "a".repeat(36)],
    ["github", "_pat_", "11AAAA_", "b".repeat(30)],
    ["xo", "xb-", "1234567890-abcdefghij"],
    ["sk", "_live_", "c".repeat(24)],
    ["rk", "_test_", "d".repeat(24)],
    ["sk", "-proj-", "abc123", "e".repeat(30)],
    ["AI", "za", "f".repeat(35)],
    ["gl", "pat-", "g".repeat(20)],
  ].map((parts) => parts.join(""));

  it.each(tokens)("masks %s", (token) => {
    expect(mask(findProviderTokens, `using ${token} now`)).toBe("using # now");
  });

  it("leaves look-alikes alone", () => {
    for (const text of ["ghp_short", "sk-learn-compatible-pipeline-wrapper", "task-1234567890123456789012", "xoxb-1"]) {
      expect(mask(findProviderTokens, text)).toBe(text);
    }
  });
});

describe("findAuthorizationCredentials", () => {
  it("masks the credential and keeps the scheme", () => {
    expect(mask(findAuthorizationCredentials, "Authorization: Bearer abc123def456")).toBe("Authorization: Bearer #");
    expect(mask(findAuthorizationCredentials, "basic dXNlcjpwYXNz=")).toBe("basic #");
  });

  it("leaves prose alone", () => {
    for (const text of ["Basic authentication is required", "Bearer tokens are fine", "bearer abc"]) {
      expect(mask(findAuthorizationCredentials, text)).toBe(text);
    }
  });
});

describe("findUrlCredentials", () => {
  it("masks the password only", () => {
    expect(mask(findUrlCredentials, "dsn postgres://app:s3cr3t@db:5432/x")).toBe("dsn postgres://app:#@db:5432/x");
    expect(mask(findUrlCredentials, "redis://:pw123@cache")).toBe("redis://:#@cache");
  });

  it("leaves URLs without a password alone", () => {
    for (const text of ["https://user@example.com/", "https://example.com:8443/a@b", "mailto:a@b.c"]) {
      expect(mask(findUrlCredentials, text)).toBe(text);
    }
  });
});

describe("findEmails", () => {
  it("masks addresses", () => {
    expect(mask(findEmails, "from jane.doe+ops@example.co.uk to x")).toBe("from # to x");
  });

  it("leaves handles and versions alone", () => {
    for (const text of ["@periscope/redact", "pkg@1.2.3", "user@localhost"]) {
      expect(mask(findEmails, text)).toBe(text);
    }
  });
});
