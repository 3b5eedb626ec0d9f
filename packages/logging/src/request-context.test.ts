import type { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { context, createContextKey } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("request context with an OpenTelemetry context manager registered", () => {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  afterAll(() => {
    context.disable();
  });

  it("rides in OpenTelemetry's context, leaving its own store unused, across awaits and interleaved work", async () => {
    const ownStore = (globalThis as Record<symbol, AsyncLocalStorage<unknown> | undefined>)[
      Symbol.for("periscope.logging.requestContext")
    ];
    const work = (id: string, delays: number[]) =>
      runWithRequestContext({ requestId: id }, async () => {
        const seen: unknown[] = [];
        for (const delay of delays) {
          await sleep(delay);
          const carried = context.active().getValue(Symbol.for("periscope.logging.requestContext.carried"));
          seen.push([getRequestId(), carried, ownStore?.getStore()]);
        }
        return seen;
      });
    const [a, b] = await Promise.all([work("a", [9, 1]), work("b", [1, 9])]);
    expect(a).toEqual([
      ["a", { requestId: "a" }, undefined],
      ["a", { requestId: "a" }, undefined],
    ]);
    expect(b).toEqual([
      ["b", { requestId: "b" }, undefined],
      ["b", { requestId: "b" }, undefined],
    ]);
    expect(getRequestId()).toBeUndefined();
  });

  it("keeps what the context already carries, such as the active span's context", () => {
    const key = createContextKey("outer");
    const outer = context.active().setValue(key, "kept");
    const inner = context.with(outer, () =>
      runWithRequestContext({ requestId: "r-1" }, () => [context.active().getValue(key), getRequestId()]),
    );
    expect(inner).toEqual(["kept", "r-1"]);
  });
});
