import { describe, expect, it } from "vitest";
import { parsePerfMap, selfInstructionsFromAnnotation } from "../lib/callgrind-functions.mjs";

const perfMap = [
  "1000 100 JS:*handle /app/node_modules/router/index.js:150:43",
  "2000 50 JS:~handle /app/node_modules/router/index.js:150:43",
  "3000 40 JS:*old /app/a.js:1:1",
  "3000 40 JS:*periscopeTracing /app/packages/tracing/dist/express.js:280:35",
  "not a perf map line",
].join("\n");

const annotated = [
  "Events shown:     Ir",
  "--------------------------------------------------------------------------------",
  "2,900,000 (100.0%)  PROGRAM TOTALS",
  "1,000,000 (34.48%)  ???:0x0000000000001010 [???]",
  "  200,000 ( 6.90%)  ???:0x0000000000002004 [???]",
  "  300,000 (10.34%)  ???:0x0000000000009000 [???]",
  "  100,000 ( 3.45%)  ???:0x0000000000003010 [???]",
  "  500,000 (17.24%)  ???:Builtins_LoadIC_Megamorphic [/usr/bin/node]",
  "  800,000 (27.59%)  ???:v8::internal::LookupIterator::Start<false>() [/usr/bin/node]",
].join("\n");

describe("selfInstructionsFromAnnotation", () => {
  const functions = selfInstructionsFromAnnotation(annotated, parsePerfMap(perfMap), 1000);

  it("names JIT addresses from the perf map and adds up a function's tiers, per request", () => {
    expect(functions.get("JS handle /app/node_modules/router/index.js:150:43")).toBe(1200);
  });

  it("takes the range written later when code was compiled again at the same address", () => {
    expect(functions.get("JS periscopeTracing /app/packages/tracing/dist/express.js:280:35")).toBe(100);
    expect(functions.has("JS old /app/a.js:1:1")).toBe(false);
  });

  it("keeps V8's own functions under their names and counts unmapped JIT code as unnamed", () => {
    expect(functions.get("Builtins_LoadIC_Megamorphic")).toBe(500);
    expect(functions.get("v8::internal::LookupIterator::Start<false>()")).toBe(800);
    expect(functions.get("JS (unnamed)")).toBe(300);
    expect([...functions.keys()].some((name) => name.includes("PROGRAM TOTALS"))).toBe(false);
  });
});
