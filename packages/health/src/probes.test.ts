import { describe, expect, it } from "vitest";
import { probeKindOf } from "./probes.js";

describe("probeKindOf", () => {
  it("maps the four paths under the base path and ignores the rest", () => {
    expect(probeKindOf("/health", "/health")).toBe("detail");
    expect(probeKindOf("/health/", "/health")).toBe("detail");
    expect(probeKindOf("/health/live?x=1", "/health")).toBe("live");
    expect(probeKindOf("/health/ready", "/health")).toBe("ready");
    expect(probeKindOf("/health/startup", "/health")).toBe("startup");
    expect(probeKindOf("/healthz", "/health")).toBeUndefined();
    expect(probeKindOf("/health/other", "/health")).toBeUndefined();
    expect(probeKindOf("/", "/health")).toBeUndefined();
    expect(probeKindOf(undefined, "/health")).toBeUndefined();
    expect(probeKindOf("/ops/ready", "/ops")).toBe("ready");
  });
});
