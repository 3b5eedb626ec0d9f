import { describe, expect, it } from "vitest";
import { REDACTED } from "./constants.js";
import { createRedactionPolicy } from "./policy.js";

describe("createRedactionPolicy", () => {
  it("works with no options", () => {
    const policy = createRedactionPolicy();
    expect(policy.redact({ password: "p" })).toEqual({ password: REDACTED });
    expect(policy.redactString("token=abc123")).toBe(`token=${REDACTED}`);
    expect(policy.redactUrl("/a?token=x")).toBe(`/a?token=${REDACTED}`);
    expect(policy.redactHeaders({ cookie: "a=1" })).toEqual({ cookie: REDACTED });
    expect(policy.isSensitiveKey("API_KEY")).toBe(true);
  });

  it("uses the mask everywhere", () => {
    const policy = createRedactionPolicy({ mask: "***" });
    expect(policy.redact({ token: "t", note: "Bearer abcdef123456" })).toEqual({ token: "***", note: "Bearer ***" });
    expect(policy.redactUrl("https://u:p@h/?api_key=1")).toBe("https://u:***@h/?api_key=***");
    expect(policy.redactHeaders({ authorization: "x" })).toEqual({ authorization: "***" });
  });

  it("replaces or extends the sensitive keys", () => {
    const replaced = createRedactionPolicy({ sensitiveKeys: ["tenant_id"] });
    expect(replaced.redact({ tenantId: "t1", password: "p" })).toEqual({ tenantId: REDACTED, password: "p" });
    const extended = createRedactionPolicy({ additionalSensitiveKeys: ["tenant_id"] });
    expect(extended.redact({ tenantId: "t1", password: "p" })).toEqual({ tenantId: REDACTED, password: REDACTED });
    expect(extended.redactString("tenant_id=t1")).toBe(`tenant_id=${REDACTED}`);
  });

  it("masks emails only with redactEmails", () => {
    expect(createRedactionPolicy().redactString("to a.b@example.com")).toBe("to a.b@example.com");
    expect(createRedactionPolicy({ redactEmails: true }).redactString("to a.b@example.com")).toBe(`to ${REDACTED}`);
  });

  it("honours maxDepth", () => {
    expect(createRedactionPolicy({ maxDepth: 1 }).redact({ a: { b: { c: 1 } } })).toEqual({ a: { b: "[Truncated]" } });
  });

  it.each([
    [null, /options must be an object/],
    ["strict", /options must be an object/],
    [{ mask: 1 }, /mask must be a string/],
    [{ maxDepth: -1 }, /maxDepth must be an integer from 0 to 1000/],
    [{ maxDepth: 1.5 }, /maxDepth/],
    [{ maxDepth: 5000 }, /maxDepth/],
    [{ redactEmails: "yes" }, /redactEmails must be a boolean/],
    [{ sensitiveKeys: "password" }, /sensitiveKeys must be an array/],
    [{ additionalSensitiveKeys: [1] }, /additionalSensitiveKeys must hold only strings or RegExps/],
  ])("rejects %j with a message naming the option", (options, message) => {
    expect(() => createRedactionPolicy(options as never)).toThrow(message);
  });

  it("passes non-strings through redactString instead of throwing", () => {
    const policy = createRedactionPolicy();
    expect(policy.redactString(42 as unknown as string)).toBe(42);
    expect(policy.redactString(undefined as unknown as string)).toBeUndefined();
  });
});
