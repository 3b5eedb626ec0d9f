import express from "express";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { promtoolCheckMetrics } from "../../metrics/test/exposition.js";
import { listen } from "../../metrics/test/http-server.js";
import { decodePprof, stringsOf } from "../test/pprof.js";
import { type ProfilingRouter, type ProfilingRouterOptions, profilingRouter } from "./express.js";

const TOKEN = "s3cret-token";
const auth = { authorization: `Bearer ${TOKEN}` };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(options: ProfilingRouterOptions): Promise<{ url: string; router: ProfilingRouter }> {
  const router = profilingRouter(options);
  const app = express();
  app.use(router);
  app.get("/hello", (_request, response) => {
    response.send("hello");
  });
  const server = await listen(app);
  cleanups.push(async () => {
    await router.shutdown();
    await server.close();
  });
  return { url: server.url, router };
}

describe("profilingRouter", () => {
  it("is an empty router when disabled: profiling paths 404, the app's own routes still answer", async () => {
    const { url, router } = await serve({ token: TOKEN });
    expect(router.enabled).toBe(false);
    const response = await fetch(`${url}/debug/pprof/profile?seconds=1`, { headers: auth });
    expect(response.status).toBe(404);
    expect(await (await fetch(`${url}/hello`)).text()).toBe("hello");
  });

  it("reads PROFILING_ENABLED and PROFILING_TOKEN when options are absent, options winning", async () => {
    vi.stubEnv("PROFILING_ENABLED", "true");
    vi.stubEnv("PROFILING_TOKEN", "from-env");
    const { url } = await serve({});
    const response = await fetch(`${url}/debug/pprof/`, { headers: { authorization: "Bearer from-env" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("/debug/pprof/profile");
    const off = await serve({ enabled: false });
    expect((await fetch(`${off.url}/debug/pprof/`, { headers: { authorization: "Bearer from-env" } })).status).toBe(
      404,
    );
  });

  it("throws at construction when enabled without a token, naming the option and the env var", () => {
    vi.stubEnv("PROFILING_TOKEN", "");
    expect(() => profilingRouter({ enabled: true })).toThrow(/`token` option.*PROFILING_TOKEN/);
    expect(() => profilingRouter({ enabled: true, token: "  " })).toThrow(/PROFILING_TOKEN/);
  });

  it("answers 401 with a Bearer challenge without the token or with a wrong one", async () => {
    const { url } = await serve({ enabled: true, token: TOKEN });
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${url}/debug/pprof/profile?seconds=1`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    }
  });

  it.each([
    ["abc", /seconds must be a number/],
    ["0", /above 0 and at most 60/],
    ["-3", /seconds must be a number/],
    ["61", /above 0 and at most 60/],
    ["1e3", /seconds must be a number/],
  ])("answers 400 for seconds=%s", async (seconds, message) => {
    const { url } = await serve({ enabled: true, token: TOKEN });
    const response = await fetch(`${url}/debug/pprof/profile?seconds=${seconds}`, { headers: auth });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(message);
  });

  it("answers 400 for an unknown format and 405 for POST", async () => {
    const { url } = await serve({ enabled: true, token: TOKEN });
    const format = await fetch(`${url}/debug/pprof/profile?seconds=1&format=png`, { headers: auth });
    expect(format.status).toBe(400);
    expect(await format.text()).toContain("pprof, cpuprofile, svg");
    expect((await fetch(`${url}/debug/pprof/profile`, { method: "POST", headers: auth })).status).toBe(405);
  });

  it("runs one profile at a time: a second one gets 409 while the first runs", async () => {
    const { url } = await serve({ enabled: true, token: TOKEN });
    const first = fetch(`${url}/debug/pprof/profile?seconds=1`, { headers: auth });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await fetch(`${url}/debug/pprof/profile?seconds=1`, { headers: auth });
    expect(second.status).toBe(409);
    expect(await second.text()).toMatch(/already running/);
    expect((await first).status).toBe(200);
    const third = await fetch(`${url}/debug/pprof/profile?seconds=0.2`, { headers: auth });
    expect(third.status).toBe(200);
  });

  it("stops the profile when the client disconnects, freeing the profiler for the next request", async () => {
    const logger = { info: vi.fn(), warn: vi.fn() };
    const { url } = await serve({ enabled: true, token: TOKEN, logger });
    const controller = new AbortController();
    const abandoned = fetch(`${url}/debug/pprof/profile?seconds=30`, { headers: auth, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await expect(abandoned).rejects.toThrow();
    await vi.waitFor(() =>
      expect(logger.info).toHaveBeenCalledWith("profile stopped before it finished", expect.anything()),
    );
    const next = await fetch(`${url}/debug/pprof/profile?seconds=0.2`, { headers: auth });
    expect(next.status).toBe(200);
  });

  it("answers the heap at once from continuous sampling, as a pprof with live objects", async () => {
    const { url } = await serve({ enabled: true, token: TOKEN, heapSamplingIntervalBytes: 4096 });
    const retained = Array.from({ length: 5000 }, (_, index) => ({ index, payload: "x".repeat(200 + (index % 7)) }));
    const started = performance.now();
    const response = await fetch(`${url}/debug/pprof/heap`, { headers: auth });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="heap.pb.gz"');
    const profile = decodePprof(Buffer.from(await response.arrayBuffer()));
    expect(profile.sampleType.map((type) => stringsOf(profile, [type.type, type.unit]).join("/"))).toEqual([
      "objects/count",
      "space/bytes",
    ]);
    expect(profile.sample.length).toBeGreaterThan(0);
    expect(profile.sample.every((sample) => Number(sample.value[1]) > 0)).toBe(true);
    expect(retained.length).toBe(5000);
  });

  it("samples the heap for `seconds` in on-demand mode, and draws it as SVG", async () => {
    const { url } = await serve({
      enabled: true,
      token: TOKEN,
      heapSampling: "on-demand",
      heapSamplingIntervalBytes: 1024,
    });
    const pending = fetch(`${url}/debug/pprof/heap?seconds=0.5&format=svg`, { headers: auth });
    const retained: string[][] = [];
    for (let round = 0; round < 20; round++) {
      retained.push(Array.from({ length: 500 }, (_, index) => `${round}-${index}-${"y".repeat(64)}`));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const response = await pending;
    const svg = await response.text();
    expect(response.status, svg.slice(0, 200)).toBe(200);
    expect(svg).toMatch(/<title>[^<]+\n[\d,]+ bytes, /);
    expect(retained.length).toBe(20);
  });

  it("counts what it did in prom-client metrics that promtool accepts, and logs it", async () => {
    const registry = new Registry();
    const logger = { info: vi.fn(), warn: vi.fn() };
    const { url } = await serve({ enabled: true, token: TOKEN, registry, logger });
    await fetch(`${url}/debug/pprof/profile?seconds=0.2`, { headers: auth });
    await fetch(`${url}/debug/pprof/profile?seconds=0.2`);
    await fetch(`${url}/debug/pprof/profile?seconds=99`, { headers: auth });
    const text = await registry.metrics();
    expect(text).toContain('profiling_profiles_total{type="cpu",result="ok"} 1');
    expect(text).toContain('profiling_profiles_total{type="cpu",result="unauthorized"} 1');
    expect(text).toContain('profiling_profiles_total{type="cpu",result="bad_request"} 1');
    expect(text).toContain('profiling_profile_duration_seconds_count{type="cpu"} 1');
    const check = promtoolCheckMetrics(text);
    expect(check.status, check.output).toBe(0);
    expect(logger.info).toHaveBeenCalledWith(
      "profile served",
      expect.objectContaining({ type: "cpu", format: "pprof" }),
    );
    expect(logger.warn).toHaveBeenCalledWith("profile request refused", expect.objectContaining({ status: 401 }));
  });

  it("answers 500 with a short message and logs when profiling fails", async () => {
    const logger = { info: vi.fn(), warn: vi.fn() };
    const failing = {
      running: undefined,
      cpuProfile: () => Promise.reject(new Error("inspector exploded")),
      heapProfile: () => Promise.reject(new Error("inspector exploded")),
      writeHeapSnapshot: () => Promise.reject(new Error("unused")),
      shutdown: () => Promise.resolve(),
    };
    const { url } = await serve({ enabled: true, token: TOKEN, logger, profiler: failing });
    const response = await fetch(`${url}/debug/pprof/profile?seconds=1`, { headers: auth });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("exploded");
    expect(logger.warn).toHaveBeenCalledWith("profile failed", { type: "cpu", error: "inspector exploded" });
  });
});
