import { describe, expect, it } from "vitest";
import { CIRCULAR, TRUNCATED, UNREADABLE } from "./constants.js";
import { createKeyMatcher } from "./key-matcher.js";
import { createStringRedactor } from "./string-redactor.js";
import { createUrlRedactor } from "./url-redactor.js";
import { createValueRedactor } from "./value-redactor.js";

function redactor(maxDepth = 32) {
  const isSensitiveKey = createKeyMatcher();
  const mask = "[REDACTED]";
  const redactString = createStringRedactor({ isSensitiveKey, mask, redactEmails: false });
  const redactUrl = createUrlRedactor({ isSensitiveKey, redactString, mask });
  return createValueRedactor({ isSensitiveKey, redactString, redactUrl, mask, maxDepth });
}

const redact = redactor();

describe("createValueRedactor", () => {
  it("masks values under sensitive keys at any depth and in arrays", () => {
    const input = {
      user: "bob",
      password: "hunter2",
      nested: { deeper: [{ apiKey: "k1", tokens_used: 12 }, { "X-Api-Key": { any: "object" } }] },
      token: null,
      secret: undefined,
    };
    expect(redact(input)).toEqual({
      user: "bob",
      password: "[REDACTED]",
      nested: { deeper: [{ apiKey: "[REDACTED]", tokens_used: 12 }, { "X-Api-Key": "[REDACTED]" }] },
      token: null,
      secret: undefined,
    });
  });

  it("masks secrets inside string values", () => {
    expect(redact({ message: "login with password=hunter2", list: ["Bearer abcdef123456"] })).toEqual({
      message: "login with password=[REDACTED]",
      list: ["Bearer [REDACTED]"],
    });
  });

  it("never mutates its input and returns a deep copy", () => {
    const input = { a: { password: "p", b: [1, { token: "t" }] }, when: new Date(0) };
    const snapshot = structuredClone(input);
    const output = redact(input) as typeof input;
    expect(input).toEqual(snapshot);
    expect(output.a).not.toBe(input.a);
    expect(output.a.b).not.toBe(input.a.b);
    expect(output.when).not.toBe(input.when);
    expect(output.when.getTime()).toBe(0);
  });

  it("replaces cycles with [Circular] but keeps shared references", () => {
    const shared = { x: 1 };
    const input: Record<string, unknown> = { a: shared, b: shared };
    input.self = input;
    const list: unknown[] = [1];
    list.push(list);
    input.list = list;
    expect(redact(input)).toEqual({ a: { x: 1 }, b: { x: 1 }, self: CIRCULAR, list: [1, CIRCULAR] });
  });

  it("truncates objects deeper than maxDepth", () => {
    expect(redactor(2)({ a: { b: { c: { d: 1 } }, s: "x" } })).toEqual({ a: { b: { c: TRUNCATED }, s: "x" } });
    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 10_000; level += 1) deep = { next: deep };
    expect(JSON.stringify(redact(deep))).toContain(TRUNCATED);
  });

  it("copies Maps and Sets, masking Map entries under sensitive keys", () => {
    const output = redact({
      map: new Map<unknown, unknown>([
        ["password", "p"],
        ["note", "token=abc123"],
        [1, "one"],
      ]),
      set: new Set(["Bearer abcdef123456", 2]),
    }) as { map: Map<unknown, unknown>; set: Set<unknown> };
    expect([...output.map]).toEqual([
      ["password", "[REDACTED]"],
      ["note", "token=[REDACTED]"],
      [1, "one"],
    ]);
    expect([...output.set]).toEqual(["Bearer [REDACTED]", 2]);
  });

  it("turns class instances into plain objects of their own properties", () => {
    class Account {
      secretKey = "s";
      name = "acme";
      get computed() {
        return "not copied";
      }
    }
    const output = redact(new Account());
    expect(output).toEqual({ secretKey: "[REDACTED]", name: "acme" });
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
  });

  it("uses toJSON of class instances", () => {
    class Money {
      toJSON() {
        return { amount: 10, token: "t" };
      }
    }
    expect(redact({ price: new Money() })).toEqual({ price: { amount: 10, token: "[REDACTED]" } });
  });

  it("keeps an Error's name, message and stack, redacted, as own enumerable properties", () => {
    const cause = new Error("inner password=hunter2");
    const error = Object.assign(new TypeError("failed with token=abc123", { cause }), {
      code: "E_AUTH",
      config: { headers: { Authorization: "Bearer abcdef123456" } },
    });
    const output = redact(error) as Error & Record<string, unknown>;
    expect(output).toBeInstanceOf(Error);
    expect(output.name).toBe("TypeError");
    expect(output.message).toBe("failed with token=[REDACTED]");
    expect(output.stack).toContain("failed with token=[REDACTED]");
    expect(output.stack).not.toContain("abc123");
    expect((output.cause as Error).message).toBe("inner password=[REDACTED]");
    expect(output.code).toBe("E_AUTH");
    expect(output.config).toEqual({ headers: { Authorization: "[REDACTED]" } });
    const json = JSON.parse(JSON.stringify(output));
    expect(json).toMatchObject({ name: "TypeError", message: "failed with token=[REDACTED]" });
    expect(error.message).toBe("failed with token=abc123");
  });

  it("summarises binary data", () => {
    expect(
      redact({
        buffer: Buffer.from("password=hunter2"),
        bytes: new Uint8Array(4),
        raw: new ArrayBuffer(8),
      }),
    ).toEqual({ buffer: "[Buffer 16 bytes]", bytes: "[Uint8Array 4 bytes]", raw: "[ArrayBuffer 8 bytes]" });
  });

  it("keeps primitives, BigInt, symbols, symbol keys and functions", () => {
    const level = Symbol.for("level");
    const fn = () => 1;
    const output = redact({ n: 1, b: true, big: 10n, sym: Symbol("s"), fn, [level]: "info" }) as Record<
      PropertyKey,
      unknown
    >;
    expect(output.n).toBe(1);
    expect(output.big).toBe(10n);
    expect(typeof output.sym).toBe("symbol");
    expect(output.fn).toBe(fn);
    expect(output[level]).toBe("info");
    expect(redact(5)).toBe(5);
    expect(redact(null)).toBeNull();
    expect(redact("password=x1")).toBe("password=[REDACTED]");
  });

  it("keeps booleans under sensitive keys and unboxes boxed primitives", () => {
    expect(redact({ hasPassword: true, isSecret: false, password: 1234 })).toEqual({
      hasPassword: true,
      isSecret: false,
      password: "[REDACTED]",
    });
    expect(redact({ note: new String("token=abc123"), count: new Number(3) })).toEqual({
      note: "token=[REDACTED]",
      count: 3,
    });
  });

  it("redacts URL objects to strings", () => {
    expect(redact({ url: new URL("https://u:p@example.com/?token=t") })).toEqual({
      url: "https://u:[REDACTED]@example.com/?token=[REDACTED]",
    });
  });

  it("survives throwing getters, revoked proxies and hostile prototypes", () => {
    const throwing = Object.defineProperty({ fine: 1 }, "bad", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
    revoke();
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("no keys");
        },
      },
    );
    const badToJSON = Object.create({
      toJSON: () => {
        throw new Error("nope");
      },
    });
    expect(redact({ throwing, proxy, trap, badToJSON })).toEqual({
      throwing: { fine: 1, bad: UNREADABLE },
      proxy: UNREADABLE,
      trap: UNREADABLE,
      badToJSON: UNREADABLE,
    });
  });

  it("does not let __proto__ keys change the prototype of the copy", () => {
    const output = redact(JSON.parse('{"__proto__":{"polluted":true},"a":1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.keys(output)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("redacts long keys that hold a secret", () => {
    expect(Object.keys(redact({ "Bearer abcdef1234567890": 1, short: 2 }) as object)).toEqual([
      "Bearer [REDACTED]",
      "short",
    ]);
  });
});
