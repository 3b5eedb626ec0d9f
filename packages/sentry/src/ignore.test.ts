import { describe, expect, it } from "vitest";
import { errorTypeOf, isIgnored, statusOf, validateIgnoreErrors } from "./ignore.js";

const defaults = { ignoreStatusBelow: 500, ignoreErrors: [] };

class ValidationError extends Error {
  override name = "ValidationError";
}

describe("isIgnored", () => {
  it("ignores errors carrying a 4xx status or statusCode, keeps 5xx and plain errors", () => {
    expect(isIgnored(Object.assign(new Error("bad"), { status: 400 }), defaults)).toBe(true);
    expect(isIgnored(Object.assign(new Error("missing"), { statusCode: 404 }), defaults)).toBe(true);
    expect(isIgnored(Object.assign(new Error("down"), { status: 503 }), defaults)).toBe(false);
    expect(isIgnored(new Error("plain"), defaults)).toBe(false);
    expect(isIgnored(Object.assign(new Error("bad"), { status: 400 }), { ...defaults, ignoreStatusBelow: 0 })).toBe(
      false,
    );
  });

  it("matches names, patterns and predicates; a throwing predicate matches nothing", () => {
    const rules = {
      ignoreStatusBelow: 500,
      ignoreErrors: [
        "ValidationError",
        /^AbortError: /,
        (error: unknown) => (error as { code?: string }).code === "EPIPE",
        () => {
          throw new Error("bad predicate");
        },
      ],
    };
    expect(isIgnored(new ValidationError("x"), rules)).toBe(true);
    expect(isIgnored(Object.assign(new Error("cancelled"), { name: "AbortError" }), rules)).toBe(true);
    expect(isIgnored(Object.assign(new Error("pipe"), { code: "EPIPE" }), rules)).toBe(true);
    expect(isIgnored(new TypeError("x"), rules)).toBe(false);
  });

  it("rejects a malformed ignoreErrors option", () => {
    expect(() => validateIgnoreErrors("ValidationError")).toThrow(/ignoreErrors/);
    expect(() => validateIgnoreErrors([42])).toThrow(/ignoreErrors/);
  });
});

describe("statusOf / errorTypeOf", () => {
  it("reads what errors and non-errors carry", () => {
    expect(statusOf({ status: "400" })).toBeUndefined();
    expect(statusOf(null)).toBeUndefined();
    expect(errorTypeOf(new TypeError("x"))).toBe("TypeError");
    expect(errorTypeOf("text")).toBe("string");
    expect(errorTypeOf({ name: "Custom" })).toBe("Custom");
  });
});
