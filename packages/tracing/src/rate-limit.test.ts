import { describe, expect, it } from "vitest";
import { failureKind, MAX_FAILURE_KINDS, rateLimited } from "./rate-limit.js";

const withCode = (message: string, code: string | number) => Object.assign(new Error(message), { code });

describe("rateLimited", () => {
  it("passes the first error on, counts the rest of its kind within the interval, and survives a throwing handler", async () => {
    const seen: string[] = [];
    const limited = rateLimited((error) => {
      seen.push(error.message);
      throw new Error("handler broke");
    }, 50);
    limited.report(new Error("span export timed out after 100 ms (512 spans lost)"));
    limited.report("span export timed out after 100 ms (3 spans lost)");
    limited.report(new Error("span export timed out after 100 ms (7 spans lost)"));
    expect(seen).toEqual(["span export timed out after 100 ms (512 spans lost)"]);
    expect(limited.suppressed()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    limited.report("span export timed out after 100 ms (1 spans lost)");
    expect(seen).toHaveLength(2);
  });

  it("reports each kind of failure once per interval: refused, an HTTP status, a timeout", () => {
    const seen: string[] = [];
    const limited = rateLimited((error) => seen.push(error.message), 60_000);
    for (let round = 0; round < 3; round++) {
      limited.report(withCode(`connect ECONNREFUSED 127.0.0.1:${4000 + round}`, "ECONNREFUSED"));
      limited.report(withCode("Internal Server Error", 500));
      limited.report(new Error(`span export timed out after 1500 ms (${round + 1} spans lost)`));
    }
    expect(seen).toEqual([
      "connect ECONNREFUSED 127.0.0.1:4000",
      "Internal Server Error",
      "span export timed out after 1500 ms (1 spans lost)",
    ]);
    expect(limited.suppressed()).toBe(6);
  });

  it("keeps at most MAX_FAILURE_KINDS kinds apart; the rest share one limit", () => {
    const seen: string[] = [];
    const limited = rateLimited((error) => seen.push(error.message), 60_000);
    for (let index = 0; index < MAX_FAILURE_KINDS + 10; index++) limited.report(withCode("failed", `E${index}`));
    expect(seen).toHaveLength(MAX_FAILURE_KINDS + 1);
    expect(failureKind(withCode("x", 503))).toBe("Error:503");
  });
});
