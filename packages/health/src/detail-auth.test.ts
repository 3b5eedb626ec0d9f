import { describe, expect, it } from "vitest";
import { createDetailAuthorizer } from "./detail-auth.js";

describe("createDetailAuthorizer", () => {
  it("lets everyone in when no token is set", () => {
    expect(createDetailAuthorizer(undefined)(undefined)).toBe(true);
  });

  it("accepts only the exact bearer token", () => {
    const authorize = createDetailAuthorizer("s3cret");
    expect(authorize("Bearer s3cret")).toBe(true);
    expect(authorize("bearer s3cret")).toBe(true);
    expect(authorize(undefined)).toBe(false);
    expect(authorize("Bearer s3cre")).toBe(false);
    expect(authorize("Bearer s3cret-and-more")).toBe(false);
    expect(authorize("Basic s3cret")).toBe(false);
    expect(authorize("Bearer ")).toBe(false);
    expect(authorize(["Bearer s3cret"])).toBe(false);
  });
});
