import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRedactionPolicy, neutralizeLogInjection } from "../src/index.js";
import { secretsCorpus } from "./secrets-corpus.js";

const policy = createRedactionPolicy();
const emailPolicy = createRedactionPolicy({ redactEmails: true, maxDepth: 4, mask: "" });

const anything = fc.anything({
  maxDepth: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});
const anyText = fc.string({ unit: "binary", maxLength: 400 });
const sample = fc.constantFrom(...secretsCorpus);

function snapshot(value: unknown): string {
  return inspect(value, { depth: null, sorted: true, getters: false, showHidden: false });
}

function nest(path: readonly string[], leaf: unknown): unknown {
  return path.reduceRight<unknown>((inner, key, index) => {
    if (index % 3 === 2) return [inner];
    const outer = {};
    Object.defineProperty(outer, key, { value: inner, enumerable: true, writable: true, configurable: true });
    return outer;
  }, leaf);
}

describe("properties", () => {
  it("redact() never throws and never mutates, whatever the input", () => {
    fc.assert(
      fc.property(anything, (value) => {
        const before = snapshot(value);
        policy.redact(value);
        emailPolicy.redact(value);
        expect(snapshot(value)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it("redactHeaders() never throws on arbitrary objects", () => {
    fc.assert(
      fc.property(fc.dictionary(anyText, anything, { maxKeys: 8 }), (headers) => {
        expect(typeof policy.redactHeaders(headers)).toBe("object");
      }),
    );
  });

  it("redactString(), redactUrl() and neutralizeLogInjection() never throw and return strings", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(typeof policy.redactString(text)).toBe("string");
        expect(typeof emailPolicy.redactString(text)).toBe("string");
        expect(typeof policy.redactUrl(text)).toBe("string");
        expect(typeof policy.redactUrl(`https://example.com/?${text}`)).toBe("string");
        expect(neutralizeLogInjection(text)).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
      }),
      { numRuns: 500 },
    );
  });

  it("redact() terminates on deep and wide objects", () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 12, maxKeys: 6 }), (value) => {
        expect(policy.redact(value)).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });

  it("never leaves a corpus secret embedded in arbitrary text", () => {
    fc.assert(
      fc.property(sample, anyText, anyText, (secretSample, before, after) => {
        const text = `${before} ${secretSample.text} ${after}`;
        expect(policy.redactString(text)).not.toContain(secretSample.secret);
        if (!/[\r\n]/.test(text)) {
          expect(JSON.stringify(policy.redactHeaders({ "x-note": text }))).not.toContain(secretSample.secret);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("never leaves a corpus secret at an arbitrary object path", () => {
    fc.assert(
      fc.property(sample, fc.array(anyText, { minLength: 1, maxLength: 8 }), (secretSample, path) => {
        const value = nest(path, secretSample.text);
        expect(JSON.stringify(policy.redact(value)) ?? "").not.toContain(secretSample.secret);
        const withValue = secretSample.value ? nest(path, secretSample.value) : undefined;
        if (withValue) expect(JSON.stringify(policy.redact(withValue))).not.toContain(secretSample.secret);
      }),
      { numRuns: 500 },
    );
  });

  it("never leaves a corpus secret in an arbitrary query string", () => {
    fc.assert(
      fc.property(sample, anyText, (secretSample, key) => {
        const url = `/p?${encodeURIComponent(key)}=${encodeURIComponent(secretSample.text)}&x=1`;
        const output = policy.redactUrl(url);
        expect(output).not.toContain(secretSample.secret);
        expect(output).not.toContain(encodeURIComponent(secretSample.secret));
      }),
      { numRuns: 500 },
    );
  });
});
