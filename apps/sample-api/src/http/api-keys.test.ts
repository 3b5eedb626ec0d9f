import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, readApiKeySettings } from "./api-keys.js";

describe("readApiKeySettings", () => {
  it("is open with generous limits by default", () => {
    expect(readApiKeySettings({})).toEqual({ keys: new Map(), perMinute: DEFAULT_RATE_LIMIT_PER_MINUTE, burst: 600 });
  });

  it("reads org:key pairs into key ids that do not hold the key", () => {
    const settings = readApiKeySettings({
      API_KEYS: " acme:0123456789abcdef ,globex:fedcba9876543210:with-colon,",
      RATE_LIMIT_PER_MINUTE: "60",
    });
    const keys = [...settings.keys.values()];
    expect(keys.map((key) => key.organization)).toEqual(["acme", "globex"]);
    for (const key of keys) expect(key.keyId).toMatch(/^key_[0-9a-f]{12}$/);
    expect(JSON.stringify(keys)).not.toContain("0123456789abcdef");
    expect(settings).toMatchObject({ perMinute: 60, burst: 6 });
  });

  it("names the variable and entry when one is bad, never the key", () => {
    expect(() => readApiKeySettings({ API_KEYS: "acme:0123456789abcdef,nocolon" })).toThrow(
      /^API_KEYS entry 2 must be organization:key/,
    );
    expect(() => readApiKeySettings({ API_KEYS: "acme:tooshort" })).toThrow(/API_KEYS entry 1/);
    expect(() => readApiKeySettings({ API_KEYS: "a b:0123456789abcdef" })).toThrow(/API_KEYS entry 1/);
    expect(() => readApiKeySettings({ API_KEYS: "a:0123456789abcdef,b:0123456789abcdef" })).toThrow(
      "API_KEYS entry 2 repeats a key",
    );
    expect(() => readApiKeySettings({ RATE_LIMIT_PER_MINUTE: "0" })).toThrow(
      /RATE_LIMIT_PER_MINUTE must be an integer/,
    );
    expect(() => readApiKeySettings({ RATE_LIMIT_BURST: "1.5" })).toThrow(/RATE_LIMIT_BURST must be an integer/);
  });
});
