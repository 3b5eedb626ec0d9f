import { describe, expect, it } from "vitest";
import { normalizeMethod, splitHost } from "./http-attributes.js";

describe("http attributes", () => {
  it("normalizes methods to the known set, anything else _OTHER", () => {
    expect(normalizeMethod("get")).toBe("GET");
    expect(normalizeMethod("PROPFIND")).toBe("_OTHER");
    expect(normalizeMethod(undefined)).toBe("GET");
  });

  it("splits Host headers, IPv6 included, ignoring bad ports", () => {
    expect(splitHost("api.example.com:8443")).toEqual({ address: "api.example.com", port: 8443 });
    expect(splitHost("api.example.com")).toEqual({ address: "api.example.com" });
    expect(splitHost("[::1]:3000")).toEqual({ address: "[::1]", port: 3000 });
    expect(splitHost("[::1]")).toEqual({ address: "[::1]" });
    expect(splitHost("host:99999")).toEqual({ address: "host" });
  });
});
