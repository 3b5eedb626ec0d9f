import { describe, expect, it } from "vitest";
import { findCardNumbers } from "./card-numbers.js";
import { applyRanges, type Range } from "./ranges.js";

function mask(text: string): string {
  const ranges: Range[] = [];
  findCardNumbers(text, ranges);
  return applyRanges(text, ranges, "#");
}

describe("findCardNumbers", () => {
  it.each([
    ["4111111111111111", "#"],
    ["card 4111 1111 1111 1111 exp 12/29", "card # exp 12/29"],
    ["amex 3782-822463-10005.", "amex #."],
    ["mc=5555555555554444&x=1", "mc=#&x=1"],
    ["ref 4111 1111 1111 1111 2024", "ref # 2024"],
    ["7 4111 1111 1111 1111", "7 #"],
    ["visa 4012888888881881 / 4222222222222", "visa # / #"],
  ])("masks %j", (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it.each([
    "order 1234567890123", // fails Luhn
    "4111111111111112", // fails Luhn
    "epoch 1767225600000", // 13 digits starting with 1
    "1000000000000009", // passes Luhn, starts with 1
    "trace 4bf92f3577b34da6a3ce929d0e0e4736",
    "span 41111111111111118d2f", // glued to hex
    "id a4111111111111111", // glued on the left
    "123e4567-e89b-12d3-a456-426614174000",
    "call +1 555-123-4567 or 2026-01-15",
    "32 digits 41111111111111114111111111111111",
  ])("leaves %j alone", (text) => {
    expect(mask(text)).toBe(text);
  });
});
