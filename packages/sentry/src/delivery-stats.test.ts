import { describe, expect, it } from "vitest";
import { failureKind, MAX_FAILURE_KINDS, rateLimited } from "./delivery-stats.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("rateLimited", () => {
  it("calls onError once per kind of failure within the interval, and survives a throwing hook", () => {
    const seen: string[] = [];
    const limited = rateLimited((error) => {
      seen.push((error as Error).message);
      throw new Error("hook broke");
    }, 30_000);
    for (let round = 0; round < 3; round++) {
      limited(withCode(`connect ECONNREFUSED 127.0.0.1:${9000 + round}`, "ECONNREFUSED"));
      limited(new Error("@periscope/sentry: the DSN answered 500"));
      limited(new Error("@periscope/sentry: the DSN did not answer within 5000 ms"));
    }
    expect(seen).toEqual([
      "connect ECONNREFUSED 127.0.0.1:9000",
      "@periscope/sentry: the DSN answered 500",
      "@periscope/sentry: the DSN did not answer within 5000 ms",
    ]);
  });

  it("calls again for a kind once the interval has passed", async () => {
    const seen: unknown[] = [];
    const limited = rateLimited((error) => seen.push(error), 30);
    limited(new Error("the DSN answered 503"));
    limited(new Error("the DSN answered 502"));
    expect(seen).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    limited(new Error("the DSN answered 503"));
    expect(seen).toHaveLength(2);
  });

  it("keeps at most MAX_FAILURE_KINDS kinds apart; the rest share one limit", () => {
    const seen: unknown[] = [];
    const limited = rateLimited((error) => seen.push(error), 30_000);
    for (let index = 0; index < MAX_FAILURE_KINDS + 5; index++) limited(withCode("failed", `E${index}`));
    expect(seen).toHaveLength(MAX_FAILURE_KINDS + 1);
    expect(failureKind("plain 42")).toBe("thrown:plain #");
  });
});
