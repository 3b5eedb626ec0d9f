import { describe, expect, it } from "vitest";
import { compileMatcher, parseMatcher } from "./matchers.js";

describe("matchers", () => {
  it("parses the four operators, quoted or not", () => {
    expect(parseMatcher('severity="critical"')).toEqual({ name: "severity", type: "=", value: "critical" });
    expect(parseMatcher("service != api")).toEqual({ name: "service", type: "!=", value: "api" });
    expect(parseMatcher('team=~"db|infra"')).toEqual({ name: "team", type: "=~", value: "db|infra" });
    expect(parseMatcher('env!~"dev.*"')).toEqual({ name: "env", type: "!~", value: "dev.*" });
    expect(parseMatcher('summary="say \\"hi\\""').value).toBe('say "hi"');
  });

  it("anchors regexes like Alertmanager", () => {
    const matcher = compileMatcher('service=~"api|web"');
    expect(matcher.matches({ service: "api" })).toBe(true);
    expect(matcher.matches({ service: "api-gateway" })).toBe(false);
    expect(compileMatcher('env!~"dev.*"').matches({ env: "prod" })).toBe(true);
    expect(compileMatcher('env!~"dev.*"').matches({ env: "dev-1" })).toBe(false);
  });

  it("treats a missing label as empty", () => {
    expect(compileMatcher('team!="db"').matches({})).toBe(true);
    expect(compileMatcher('team=""').matches({})).toBe(true);
    expect(compileMatcher('team="db"').matches({})).toBe(false);
  });

  it("fails clearly on bad matchers", () => {
    expect(() => parseMatcher("severity")).toThrow(/must look like name="value"/);
    expect(() => compileMatcher('x=~"("')).toThrow(/invalid regular expression/);
    expect(() => compileMatcher({ name: "x", type: "~" as never, value: "y" })).toThrow(/type must be one of/);
    expect(() => parseMatcher('x="unterminated')).toThrow(/quoted value/);
  });
});
