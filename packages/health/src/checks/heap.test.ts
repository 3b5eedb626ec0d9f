import { describe, expect, it } from "vitest";
import { heapCheck } from "./heap.js";

const context = () => ({ signal: new AbortController().signal, name: "heap" });

describe("heapCheck", () => {
  it("observes the used share of the heap limit", () => {
    const outcome = heapCheck({ maxRatio: 1 }).run(context()) as { status: string; observedValue: number };
    expect(outcome.status).toBe("pass");
    expect(outcome.observedValue).toBeGreaterThan(0);
    expect(outcome.observedValue).toBeLessThan(1);
  });

  it("fails above maxRatio and warns above warnRatio", () => {
    expect(heapCheck({ maxRatio: 0 }).run(context())).toMatchObject({ status: "fail" });
    expect(heapCheck({ maxRatio: 1, warnRatio: 0 }).run(context())).toMatchObject({
      status: "warn",
      message: expect.stringMatching(/is above 0$/),
    });
    expect(() => heapCheck({ maxRatio: 2 })).toThrow(/maxRatio must be a number between 0 and 1/);
  });
});
