import { describe, expect, it } from "vitest";
import { acceptOrCreateRequestId, isWellFormedRequestId } from "./request-id.js";

describe("request ids", () => {
  it("accepts 1 to 128 letters, digits, dots, underscores and dashes", () => {
    for (const id of ["a", "req-1", "A.b_C-9", "x".repeat(128), "5f0c6f6e-3b9d-4c59-9f0e-0c8a6b8f1d2e"]) {
      expect(isWellFormedRequestId(id), id).toBe(true);
    }
  });

  it("replaces missing, empty, too long, spaced, CRLF, unicode and repeated values", () => {
    const malformed: (string | string[] | undefined)[] = [
      undefined,
      "",
      "x".repeat(129),
      "has space",
      "evil\r\nset-cookie: a=b",
      "naïve",
      "emoji-🙂",
      "a, b",
      ["a", "b"],
      "semi;colon",
    ];
    for (const incoming of malformed) {
      expect(
        acceptOrCreateRequestId(incoming, () => "fresh"),
        JSON.stringify(incoming),
      ).toBe("fresh");
    }
    expect(acceptOrCreateRequestId("kept-1")).toBe("kept-1");
    expect(acceptOrCreateRequestId(undefined)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
