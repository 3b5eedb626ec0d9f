import { createRedactionPolicy } from "@periscope/redact";
import { describe, expect, it } from "vitest";
import { Sanitizer } from "./sanitize.js";

function sanitizer(maxStringLength = 100, maxEntries = 20) {
  return new Sanitizer(createRedactionPolicy(), { maxStringLength, maxDepth: 4, maxEntries });
}

describe("Sanitizer", () => {
  it("masks sensitive keys at any depth, whatever their value", () => {
    const out = sanitizer().value({ user: { name: "ada", password: "hunter2", api_key: { nested: "x" } } });
    expect(out).toEqual({ user: { name: "ada", password: "[REDACTED]", api_key: "[REDACTED]" } });
  });

  it("puts every string on one line: CR, LF, U+2028, U+2029, U+0085 and ANSI escapes neutralised", () => {
    const text = sanitizer().text("a\r\nb\u2028c\u2029d\u0085e\u001b[31mred");
    for (const unsafe of ["\r", "\n", "\u2028", "\u2029", "\u0085", "\u001b"]) expect(text).not.toContain(unsafe);
    expect(text).toContain("a");
    expect(text).toContain("red");
  });

  it("neutralises field names too", () => {
    const out = sanitizer().value({ "evil\nkey": 1 }) as Record<string, unknown>;
    expect(Object.keys(out)[0]).not.toMatch(/[\r\n]/);
  });

  it("cuts long strings and says how much was left out", () => {
    const out = sanitizer(10).text("x".repeat(1_000_000));
    expect(out).toBe(`${"x".repeat(10)}…[truncated 999990 chars]`);
  });

  it("survives cycles, BigInt, symbols, functions, NaN and dates", () => {
    const cyclic: Record<string, unknown> = { name: "root" };
    cyclic.self = cyclic;
    const out = sanitizer().value({
      cyclic,
      big: 12345678901234567890n,
      symbol: Symbol("s"),
      fn: function handler() {},
      nan: Number.NaN,
      when: new Date(0),
      invalid: new Date(Number.NaN),
    });
    expect(out).toEqual({
      cyclic: { name: "root", self: "[Circular]" },
      big: "12345678901234567890",
      symbol: "Symbol(s)",
      fn: "[Function handler]",
      nan: "NaN",
      when: "1970-01-01T00:00:00.000Z",
      invalid: "Invalid Date",
    });
  });

  it("keeps a shared (not cyclic) object both times it appears", () => {
    const shared = { id: 1 };
    expect(sanitizer().value({ a: shared, b: shared })).toEqual({ a: { id: 1 }, b: { id: 1 } });
  });

  it("survives getters and toJSON that throw, and revoked proxies", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const out = sanitizer().value({
      get boom() {
        throw new Error("getter exploded");
      },
      json: {
        toJSON() {
          throw new Error("toJSON exploded");
        },
      },
      proxy,
    }) as Record<string, string>;
    expect(out.boom).toBe("[Unserializable: getter exploded]");
    expect(out.json).toBe("[Unserializable: toJSON exploded]");
    expect(out.proxy).toMatch(/^\[Unserializable: /);
  });

  it("limits depth and entries", () => {
    const out = sanitizer(100, 5).value({ a: { b: { c: { d: { e: 1 } } } }, list: [1, 2, 3, 4, 5, 6, 7] });
    expect(out).toEqual({ a: { b: { c: { d: "[Object]" } } }, list: [1, 2, 3, 4, 5, "…2 more items"] });
  });

  it("writes buffers, maps and sets readably", () => {
    const out = sanitizer().value({ buffer: Buffer.from("abc"), map: new Map([["k", 1]]), set: new Set(["v"]) });
    expect(out).toEqual({ buffer: "[Buffer 3 bytes]", map: { k: 1 }, set: ["v"] });
  });

  it("masks secrets found inside strings", () => {
    const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    const out = sanitizer(1000).text(`cloning with ${token}`);
    expect(out).not.toContain(token);
  });
});
