import { describe, expect, it } from "vitest";
import { createRedactionPolicy } from "../src/index.js";
import { secretsCorpus } from "./secrets-corpus.js";

const policy = createRedactionPolicy();

function expectNoSecret(output: unknown, secret: string): void {
  const serialised = typeof output === "string" ? output : JSON.stringify(output);
  expect(serialised).not.toContain(secret);
  expect(serialised).not.toContain(encodeURIComponent(secret));
  expect(serialised).toContain("[REDACTED]");
}

describe("secrets corpus", () => {
  it("has unique names, carriers that hold their secret, and covers every detector", () => {
    const names = secretsCorpus.map((sample) => sample.name);
    expect(new Set(names).size).toBe(names.length);
    for (const sample of secretsCorpus) expect(sample.text).toContain(sample.secret);
    for (const carrier of ["text", "url", "header", "json"]) {
      expect(
        secretsCorpus.some((sample) => sample.carrier === carrier),
        carrier,
      ).toBe(true);
    }
    expect(secretsCorpus.length).toBeGreaterThanOrEqual(30);
  });

  it("is frozen, so one test cannot spoil it for the next", () => {
    expect(Object.isFrozen(secretsCorpus)).toBe(true);
    for (const sample of secretsCorpus) expect(Object.isFrozen(sample)).toBe(true);
  });

  describe.each(secretsCorpus.map((sample) => [sample.name, sample] as const))("%s", (_, sample) => {
    it("is masked by redactString()", () => {
      expectNoSecret(policy.redactString(sample.text), sample.secret);
    });

    it("is masked by redact() as a log field, nested and in an array", () => {
      expectNoSecret(policy.redact({ message: sample.text, context: { notes: [sample.text] } }), sample.secret);
      if (sample.value) expectNoSecret(policy.redact(sample.value), sample.secret);
    });

    it("is masked by redactUrl() in a query parameter", () => {
      expectNoSecret(policy.redactUrl(`/search?q=${encodeURIComponent(sample.text)}&page=1`), sample.secret);
      if (sample.carrier === "url") expectNoSecret(policy.redactUrl(sample.text), sample.secret);
    });

    it("is masked by redactHeaders()", () => {
      if (sample.headerSafe) expectNoSecret(policy.redactHeaders({ "x-note": sample.text }), sample.secret);
      if (sample.carrier === "header" && sample.value)
        expectNoSecret(policy.redactHeaders(sample.value), sample.secret);
    });

    it("is masked inside a JSON body serialised before redaction", () => {
      expectNoSecret(policy.redactString(JSON.stringify({ body: sample.text })), sample.secret);
    });

    it("is masked inside an Error message and stack", () => {
      const output = policy.redact(new Error(`request failed: ${sample.text}`)) as Error;
      expect(output.message).not.toContain(sample.secret);
      expect(output.stack).not.toContain(sample.secret);
    });
  });
});
