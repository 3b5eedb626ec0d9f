import { describe, expect, it } from "vitest";
import { applyRanges } from "./ranges.js";

describe("applyRanges", () => {
  it("returns the text unchanged without ranges", () => {
    expect(applyRanges("abc", [], "#")).toBe("abc");
  });

  it("replaces disjoint ranges in order, whatever order they come in", () => {
    expect(
      applyRanges(
        "aa SECRET bb TOKEN cc",
        [
          [13, 18],
          [3, 9],
        ],
        "[X]",
      ),
    ).toBe("aa [X] bb [X] cc");
  });

  it("merges overlapping and touching ranges into one mask", () => {
    expect(
      applyRanges(
        "0123456789",
        [
          [2, 5],
          [4, 7],
          [7, 8],
        ],
        "#",
      ),
    ).toBe("01#89");
  });

  it("ignores empty ranges", () => {
    expect(applyRanges("abc", [[1, 1]], "#")).toBe("abc");
  });
});
