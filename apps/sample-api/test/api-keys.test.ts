import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";

const KEY = "acme-0123456789abcdef";
const OTHER = "globex-fedcba9876543210";

function promtoolFindings(text: string): string[] {
  const result = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
  if (result.error) throw new Error(`promtool is needed (Debian's prometheus package): ${result.error.message}`);
  // prom-client's default gauges named *_total are the only documented findings (see metrics.test.ts).
  return `${result.stdout}${result.stderr}`
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^nodejs_active_(handles|requests|resources)_total/.test(line));
}

const get = (url: string, key?: string) =>
  fetch(`${url}/api/v1/agents`, { headers: key === undefined ? {} : { "x-api-key": key } });

describe("API keys and the rate limit on /api/v1", () => {
  it("asks for a known x-api-key, answers 429 with Retry-After past the limit, and records it without the key", async () => {
    const app = await startApp({
      API_KEYS: `acme:${KEY}, globex:${OTHER}`,
      RATE_LIMIT_PER_MINUTE: "6",
      RATE_LIMIT_BURST: "3",
    });
    expect((await get(app.url)).status).toBe(401);
    const wrong = await get(app.url, "not-a-key-of-this-api");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "missing or unknown API key (send it in x-api-key)" });

    for (let index = 0; index < 3; index++) expect((await get(app.url, KEY)).status).toBe(200);
    const limited = await get(app.url, KEY);
    expect(limited.status).toBe(429);
    // Six a minute: the next token is at most 10 s away.
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(10);
    // Buckets are per key: the other organisation's key still passes.
    expect((await get(app.url, OTHER)).status).toBe(200);
    // Outside /api/v1 no key is asked for.
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);

    const text = await (await fetch(`${app.url}/metrics`)).text();
    const keyId = /api_key_requests_total\{organization="acme",key_id="(key_[0-9a-f]{12})",status="200"/.exec(
      text,
    )?.[1];
    expect(keyId).toBeDefined();
    const expected = [
      `api_key_requests_total{organization="acme",key_id="${keyId}",status="200",service="sample-api"} 3`,
      `api_key_requests_total{organization="acme",key_id="${keyId}",status="429",service="sample-api"} 1`,
      'api_key_requests_total{organization="unknown",key_id="unknown",status="401",service="sample-api"} 1',
      'rate_limit_rejections_total{organization="acme",limit_type="per_minute",service="sample-api"} 1',
    ];
    for (const line of expected) expect(text).toContain(line);
    // The bucket is empty after the rejection (bar what refilled since) and a third used for the other key.
    const ratio = (organization: string) =>
      Number(
        new RegExp(`^api_quota_used_ratio\\{organization="${organization}",quota="per_minute"[^}]*\\} (.+)$`, "m").exec(
          text,
        )?.[1],
      );
    expect(ratio("acme")).toBeGreaterThan(0.95);
    expect(ratio("globex")).toBeCloseTo(1 / 3, 1);
    expect(text).not.toContain(KEY);
    expect(app.output()).not.toContain(KEY);
    expect(app.output()).toContain(`acme/${keyId}`);
    expect(promtoolFindings(text)).toEqual([]);
  });

  it("stays open without API_KEYS", async () => {
    const app = await startApp();
    expect((await get(app.url)).status).toBe(200);
    expect((await get(app.url, "anything-at-all-here")).status).toBe(200);
  });

  it("refuses to start on a malformed API_KEYS entry, without echoing the key", async () => {
    const app = startApp({ API_KEYS: "acme:short-key-7" });
    await expect(app).rejects.toThrow(/API_KEYS entry 1 must be organization:key/);
    await expect(app).rejects.not.toThrow(/short-key-7/);
  });
});
