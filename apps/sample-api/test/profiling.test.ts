import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";

describe("the sample API's profiling endpoints", () => {
  it("do not exist unless PROFILING_ENABLED=true", async () => {
    const app = await startApp();
    expect((await fetch(`${app.url}/debug/pprof/profile?seconds=1`)).status).toBe(404);
  });

  it("answer a pprof CPU profile only to the bearer of PROFILING_TOKEN", async () => {
    const token = "sample-api-test-token";
    const app = await startApp({ PROFILING_ENABLED: "true", PROFILING_TOKEN: token });
    const url = `${app.url}/debug/pprof/profile?seconds=1`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const profile = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(profile.status).toBe(200);
    const body = Buffer.from(await profile.arrayBuffer());
    expect(body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(body).length).toBeGreaterThan(0);
    const scrape = await (await fetch(`${app.url}/metrics`)).text();
    expect(scrape).toMatch(/profiling_profiles_total\{[^}]*type="cpu"[^}]*\} 1/);
  });
});
