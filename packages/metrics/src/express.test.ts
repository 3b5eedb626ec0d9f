import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { parseSamples } from "../test/exposition.js";
import { listen } from "../test/http-server.js";
import { createMetrics } from "./create-metrics.js";
import { metricsMiddleware } from "./express.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("metricsMiddleware", () => {
  it("leaves the given paths unmeasured, in place of the default /metrics and /health*", async () => {
    const metrics = createMetrics({ exemplars: false });
    const app = express();
    app.use(metricsMiddleware(metrics, { excludePaths: ["/metrics", /^\/internal\//, "/ping"] }));
    app.get(["/ping", "/internal/state", "/health/ready", "/pong"], (_request, response) => void response.send("ok"));
    const server = await listen(app);
    close = server.close;
    for (const path of ["/ping", "/ping?x=1", "/internal/state", "/health/ready", "/pong"])
      await fetch(server.url + path);
    const requests = parseSamples(await metrics.render()).filter((sample) => sample.name === "http_requests_total");
    expect(requests.map((sample) => [sample.labels.route, sample.value])).toEqual([
      ["/ping|/internal/state|/health/ready|/pong", "2"],
    ]);
  });

  it("observes the declared request and response sizes, and no request size for bodiless requests", async () => {
    const metrics = createMetrics({ exemplars: false });
    const app = express();
    app.use(metricsMiddleware(metrics));
    app.all("/echo", (_request, response) => void response.send("x".repeat(500)));
    const server = await listen(app);
    close = server.close;
    await fetch(`${server.url}/echo`);
    await fetch(`${server.url}/echo`, { method: "POST", body: "y".repeat(2000) });
    const samples = parseSamples(await metrics.render());
    const count = (name: string, method: string) =>
      samples.find((sample) => sample.name === name && sample.labels.method === method)?.value;
    expect(count("http_request_size_bytes_count", "POST")).toBe("1");
    expect(count("http_request_size_bytes_sum", "POST")).toBe("2000");
    expect(count("http_request_size_bytes_count", "GET")).toBeUndefined();
    expect(count("http_response_size_bytes_sum", "GET")).toBe("500");
  });

  it("never fails a request when recording it fails, and reports the error", async () => {
    const metrics = createMetrics({ exemplars: false });
    const errors: unknown[] = [];
    const app = express();
    app.use(metricsMiddleware(metrics, { onError: (error) => errors.push(error) }));
    app.get("/patched", (_request, response) => {
      response.send("ok");
      response.getHeader = () => {
        throw new Error("patched by another middleware");
      };
    });
    const server = await listen(app);
    close = server.close;
    const response = await fetch(`${server.url}/patched`);
    expect(await response.text()).toBe("ok");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([new Error("patched by another middleware")]);
  });
});
