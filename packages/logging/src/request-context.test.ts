import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { getRequestId, runWithRequestContext } from "./request-context.js";

describe("request context", () => {
  it("is empty outside a context", () => {
    expect(getRequestId()).toBeUndefined();
  });

  it("survives awaits, timers, immediates and promise chains", async () => {
    const seen = await runWithRequestContext({ requestId: "job-1" }, async () => {
      const ids: (string | undefined)[] = [getRequestId()];
      await sleep(5);
      ids.push(getRequestId());
      ids.push(await new Promise<string | undefined>((resolve) => setTimeout(() => resolve(getRequestId()), 5)));
      ids.push(await new Promise<string | undefined>((resolve) => setImmediate(() => resolve(getRequestId()))));
      ids.push(await Promise.resolve().then(() => getRequestId()));
      return ids;
    });
    expect(seen).toEqual(["job-1", "job-1", "job-1", "job-1", "job-1"]);
    expect(getRequestId()).toBeUndefined();
  });

  it("keeps interleaved units of work apart", async () => {
    const work = (id: string, delays: number[]) =>
      runWithRequestContext({ requestId: id }, async () => {
        const ids: (string | undefined)[] = [];
        for (const delay of delays) {
          await sleep(delay);
          ids.push(getRequestId());
        }
        return ids;
      });
    const [a, b, c] = await Promise.all([work("a", [9, 1, 5]), work("b", [1, 9, 1]), work("c", [5, 5, 5])]);
    expect(a).toEqual(["a", "a", "a"]);
    expect(b).toEqual(["b", "b", "b"]);
    expect(c).toEqual(["c", "c", "c"]);
  });

  it("makes a UUID when no id is given, and nests", () => {
    runWithRequestContext({}, () => {
      const outer = getRequestId();
      expect(outer).toMatch(/^[0-9a-f-]{36}$/);
      runWithRequestContext({ requestId: "inner" }, () => expect(getRequestId()).toBe("inner"));
      expect(getRequestId()).toBe(outer);
    });
  });
});
