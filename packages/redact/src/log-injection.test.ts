import { describe, expect, it } from "vitest";
import { neutralizeLogInjection } from "./log-injection.js";

describe("neutralizeLogInjection", () => {
  it("returns clean text unchanged, tabs included", () => {
    const text = "user bob\tlogged in from 10.0.0.1 ✓";
    expect(neutralizeLogInjection(text)).toBe(text);
  });

  it("escapes every line break so one record stays one line", () => {
    const forged = "bob\r\n2026-01-01T00:00:00Z INFO admin logged in\u2028x\u2029y\u0085z";
    const output = neutralizeLogInjection(forged);
    expect(output).toBe("bob\\r\\n2026-01-01T00:00:00Z INFO admin logged in\\u2028x\\u2029y\\u0085z");
    expect(output).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
  });

  it("removes ANSI escape sequences", () => {
    expect(neutralizeLogInjection("\u001b[31mred\u001b[0m \u001b]0;title\u0007ok \u001b]8;;http://x\u001b\\link")).toBe(
      "red ok link",
    );
    expect(neutralizeLogInjection("\u009b2Jcleared \u001bcreset")).toBe("cleared reset");
  });

  it("escapes other control and bidi-override characters", () => {
    expect(neutralizeLogInjection("a\u0000b\u0008c\u007fd\u001b")).toBe("a\\x00b\\x08c\\x7fd\\x1b");
    expect(neutralizeLogInjection("admin\u202etxt.exe")).toBe("admin\\u202etxt.exe");
  });

  it("never leaves a raw control character, even in a megabyte of them", () => {
    let text = "";
    for (let code = 0; code < 0xa0; code += 1) text += String.fromCharCode(code);
    const output = neutralizeLogInjection(text.repeat(6_600));
    const raw = [...output].filter((character) => {
      const code = character.charCodeAt(0);
      return (code < 0x20 && character !== "\t") || (code >= 0x7f && code <= 0x9f);
    });
    expect(raw).toEqual([]);
  });

  it("coerces non-strings instead of throwing", () => {
    expect(neutralizeLogInjection(12 as unknown as string)).toBe("12");
    const hostile = {
      toString() {
        throw new Error("x");
      },
    };
    expect(neutralizeLogInjection(hostile as unknown as string)).toBe("");
  });
});
