import { describe, expect, it } from "vitest";
import { rateLimited } from "./rate-limit.js";

describe("rateLimited", () => {
  it("passes the first error on, counts the rest within the interval, and survives a throwing handler", async () => {
    const seen: string[] = [];
    const limited = rateLimited((error) => {
      seen.push(error.message);
      throw new Error("handler broke");
    }, 50);
    limited.report(new Error("first"));
    limited.report("second");
    limited.report(new Error("third"));
    expect(seen).toEqual(["first"]);
    expect(limited.suppressed()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    limited.report("later");
    expect(seen).toEqual(["first", "later"]);
  });
});
