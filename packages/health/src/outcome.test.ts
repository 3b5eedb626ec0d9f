import { describe, expect, it } from "vitest";
import { errorOutcome, MAX_MESSAGE_LENGTH, normalizeOutcome } from "./outcome.js";

describe("normalizeOutcome", () => {
  it("reads undefined, true and plain values as pass, false as fail", () => {
    expect(normalizeOutcome(undefined)).toEqual({ status: "pass" });
    expect(normalizeOutcome(true)).toEqual({ status: "pass" });
    expect(normalizeOutcome(1)).toEqual({ status: "pass" });
    expect(normalizeOutcome(false)).toEqual({ status: "fail", message: "check returned false" });
  });

  it("keeps status, message and observed value of an outcome object", () => {
    expect(normalizeOutcome({ status: "warn", message: "slow", observedValue: 12 })).toEqual({
      status: "warn",
      message: "slow",
      observed_value: 12,
    });
    expect(normalizeOutcome({ rows: [1] })).toEqual({ status: "pass" });
  });

  it("fails an invalid status instead of trusting it", () => {
    expect(normalizeOutcome({ status: "ok" })).toEqual({
      status: "fail",
      message: "check returned an invalid status: ok",
    });
  });

  it("truncates long messages to 512 characters", () => {
    const outcome = normalizeOutcome({ status: "fail", message: "x".repeat(5000) });
    expect(outcome.message).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(MAX_MESSAGE_LENGTH).toBe(512);
  });
});

describe("errorOutcome", () => {
  it("carries the message, with the cause fetch hides it in", () => {
    expect(errorOutcome(new Error("boom"))).toEqual({ status: "fail", message: "boom" });
    const fetchLike = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    expect(errorOutcome(fetchLike).message).toBe("fetch failed: connect ECONNREFUSED 127.0.0.1:9");
    expect(errorOutcome("a string").message).toBe("a string");
    expect(errorOutcome(new Error("y".repeat(2000))).message).toHaveLength(512);
  });
});
