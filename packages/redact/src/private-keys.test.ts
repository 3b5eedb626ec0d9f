import { describe, expect, it } from "vitest";
import { findPrivateKeys } from "./private-keys.js";
import { applyRanges, type Range } from "./ranges.js";

function mask(text: string): string {
  const ranges: Range[] = [];
  findPrivateKeys(text, ranges);
  return applyRanges(text, ranges, "#");
}

describe("findPrivateKeys", () => {
  it.each(["RSA ", "EC ", "OPENSSH ", "ENCRYPTED ", ""])("masks a %sPRIVATE KEY block", (kind) => {
    const block = `-----BEGIN ${kind}PRIVATE KEY-----\nMIIBOgIBAAJBAKj34\nGkxFhD90vcNLYLInFEX\n-----END ${kind}PRIVATE KEY-----`;
    expect(mask(`before\n${block}\nafter`)).toBe("before\n#\nafter");
  });

  it("masks a PGP private key block and a JSON-escaped one", () => {
    expect(mask("-----BEGIN PGP PRIVATE KEY BLOCK-----\nabc\n-----END PGP PRIVATE KEY BLOCK-----")).toBe("#");
    expect(mask('{"key":"-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----\\n"}')).toBe('{"key":"#\\n"}');
  });

  it("masks a block cut off before its END line to the end of the text", () => {
    expect(mask("key: -----BEGIN PRIVATE KEY-----\nMIIBOgIBAAJBAKj34")).toBe("key: #");
  });

  it("leaves public keys and certificates alone", () => {
    const text =
      "-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----";
    expect(mask(text)).toBe(text);
  });
});
