import { Gauge } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { listen } from "../test/http-server.js";
import { createMetrics } from "./create-metrics.js";
import { OPENMETRICS_CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE } from "./exposition-format.js";
import type { MetricsHandlerOptions } from "./metrics-handler.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(options: Omit<MetricsHandlerOptions, "registry"> = {}) {
  const metrics = createMetrics({ exemplars: false });
  metrics.counter({ name: "served_total", help: "Served.", labelNames: [] }).inc();
  const server = await listen((request, response) => void metrics.handler(options)(request, response));
  close = server.close;
  return { metrics, url: `${server.url}/metrics` };
}

describe("metrics handler", () => {
  it("answers GET with Prometheus text and HEAD with headers only", async () => {
    const { url } = await serve();
    const get = await fetch(url);
    expect(get.status).toBe(200);
    expect(get.headers.get("content-type")).toBe(PROMETHEUS_CONTENT_TYPE);
    expect(await get.text()).toContain("served_total 1\n");
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("answers OpenMetrics to a scraper that asks for it", async () => {
    const { url } = await serve();
    const response = await fetch(url, { headers: { accept: "application/openmetrics-text; version=1.0.0" } });
    expect(response.headers.get("content-type")).toBe(OPENMETRICS_CONTENT_TYPE);
    expect(await response.text()).toMatch(/# TYPE served counter\nserved_total 1\n# EOF\n$/);
  });

  it("refuses other methods with 405 and an Allow header", async () => {
    const { url } = await serve();
    const response = await fetch(url, { method: "POST", body: "x" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it("requires the bearer token when one is set", async () => {
    const { url } = await serve({ auth: { bearerToken: "s3cret-token" } });
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect((await fetch(url, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Basic czNjcmV0LXRva2Vu" } })).status).toBe(401);
    const accepted = await fetch(url, { headers: { authorization: "Bearer s3cret-token" } });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain("served_total 1");
  });

  it("requires the user name and password of basic auth when set", async () => {
    const { url } = await serve({ auth: { username: "prometheus", password: "pa:ss" } });
    const basic = (credentials: string) => ({ authorization: `Basic ${Buffer.from(credentials).toString("base64")}` });
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Basic realm="metrics"/);
    expect((await fetch(url, { headers: basic("prometheus:wrong") })).status).toBe(401);
    expect((await fetch(url, { headers: basic("prometheus") })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Basic !!!not-base64" } })).status).toBe(401);
    expect((await fetch(url, { headers: basic("prometheus:pa:ss") })).status).toBe(200);
  });

  it("rejects empty credentials at construction", () => {
    const metrics = createMetrics({ exemplars: false });
    expect(() => metrics.handler({ auth: { bearerToken: "" } })).toThrow(/non-empty bearerToken/);
  });

  it("answers 500 and reports the error when a collect callback throws", async () => {
    const errors: unknown[] = [];
    const { metrics, url } = await serve({ onError: (error) => errors.push(error) });
    new Gauge({
      name: "broken",
      help: "Throws.",
      registers: [metrics.registry],
      collect() {
        throw new Error("collector failed");
      },
    });
    const response = await fetch(url);
    expect(response.status).toBe(500);
    expect(errors).toEqual([new Error("collector failed")]);
  });

  it("streams a 100,000-series registry whole", async () => {
    const { metrics, url } = await serve({ sliceMilliseconds: 5 });
    const big = metrics.counter({ name: "big_total", help: "Big.", labelNames: ["id"], maxSeries: 200_000 });
    for (let id = 0; id < 100_000; id++) big.inc({ id: String(id) });
    const body = await (await fetch(url)).text();
    const lines = body.split("\n").filter((line) => line.startsWith("big_total{"));
    expect(lines).toHaveLength(100_000);
    expect(lines.at(-1)).toBe('big_total{id="99999"} 1');
  });
});
