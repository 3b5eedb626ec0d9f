import { describe, expect, it } from "vitest";
import { passesLuhn } from "./luhn.js";

describe("passesLuhn", () => {
  it.each(["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "79927398713"])(
    "accepts %s",
    (digits) => {
      expect(passesLuhn(digits)).toBe(true);
    },
  );

  it.each(["4111111111111112", "1234567890123", "79927398710", "", "41111111a1111111"])("rejects %j", (digits) => {
    expect(passesLuhn(digits)).toBe(false);
  });
});
