import { describe, expect, it } from "vitest";
import { tokenMatches } from "./bearer-auth.js";

describe("tokenMatches", () => {
  it("accepts only the exact token, whatever the lengths", () => {
    expect(tokenMatches("s3cret", "s3cret")).toBe(true);
    expect(tokenMatches("s3cret", "s3cre")).toBe(false);
    expect(tokenMatches("s3cret", "s3cret-and-more")).toBe(false);
    expect(tokenMatches("s3cret", "")).toBe(false);
  });
});
