import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { connect } from "node:net";
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
      Object.defineProperty(response, "statusCode", {
        get() {
          throw new Error("patched by another middleware");
        },
      });
    });
    const server = await listen(app);
    close = server.close;
    const response = await fetch(`${server.url}/patched`);
    expect(await response.text()).toBe("ok");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([new Error("patched by another middleware")]);
  });

  it("counts each of two requests pipelined on one connection, the slow one first", async () => {
    const metrics = createMetrics({ exemplars: false });
    const app = express();
    app.use(metricsMiddleware(metrics));
    app.get("/slow", (_request, response) => void setTimeout(() => response.send("slow"), 50));
    app.get("/fast", (_request, response) => void response.status(202).send("fast"));
    const server = await listen(app);
    close = server.close;
    const { hostname, port } = new URL(server.url);
    const answers = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let received = "";
      socket.on("data", (chunk) => {
        received += chunk;
        if (received.includes("fast")) socket.end();
      });
      socket.on("close", () => resolve(received));
      socket.on("error", reject);
      socket.write(`GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n`);
    });
    expect(answers.indexOf("slow")).toBeLessThan(answers.indexOf("fast"));
    const samples = parseSamples(await metrics.render());
    const counted = samples
      .filter((sample) => sample.name === "http_requests_total")
      .map((sample) => `${sample.labels.route} ${sample.labels.status_code} ${sample.value}`);
    expect(counted.sort()).toEqual(["/fast 202 1", "/slow 200 1"]);
    const inProgress = samples.find((sample) => sample.name === "http_requests_in_progress");
    expect(inProgress?.value).toBe("0");
  });

  it("counts each request once when it reaches the middleware only after an asynchronous one", async () => {
    const metrics = createMetrics({ exemplars: false });
    const app = express();
    app.use((_request, _response, next) => void setTimeout(next, 5));
    app.use(metricsMiddleware(metrics));
    app.get("/later/:id", (_request, response) => void response.send("ok"));
    const server = await listen(app);
    close = server.close;
    await Promise.all([1, 2, 3, 4].map((id) => fetch(`${server.url}/later/${id}`).then((response) => response.text())));
    const requests = parseSamples(await metrics.render()).filter((sample) => sample.name === "http_requests_total");
    expect(requests.map((sample) => [sample.labels.route, sample.value])).toEqual([["/later/:id", "4"]]);
  });

  it("records every request left unanswered on a closed connection as 499, pipelined ones too", async () => {
    const metrics = createMetrics({ exemplars: false });
    const app = express();
    app.use(metricsMiddleware(metrics));
    app.get("/never", () => {});
    const server = await listen(app);
    close = server.close;
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    socket.write("GET /never HTTP/1.1\r\nHost: x\r\n\r\nGET /never HTTP/1.1\r\nHost: x\r\n\r\n");
    const inProgress = async () =>
      parseSamples(await metrics.render()).find((sample) => sample.name === "http_requests_in_progress")?.value;
    await waitUntil(async () => (await inProgress()) === "2");
    socket.destroy();
    await waitUntil(async () => (await inProgress()) === "0");
    const requests = parseSamples(await metrics.render()).filter((sample) => sample.name === "http_requests_total");
    expect(requests.map((sample) => [sample.labels.status_code, sample.value])).toEqual([["499", "2"]]);
  });

  it("leaves nothing in progress when the client leaves while an asynchronous middleware holds the request", async () => {
    const metrics = createMetrics({ exemplars: false });
    const admin = express();
    admin.use(metricsMiddleware(metrics));
    admin.get("/report", (_request, response) => void response.send("report"));
    const app = express();
    app.use((_request, _response, next) => void setTimeout(next, 150));
    app.use(metricsMiddleware(metrics));
    app.use("/admin", admin);
    const server = await listen(app);
    close = server.close;
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    socket.write("GET /admin/report HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 30));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const samples = parseSamples(await metrics.render());
    expect(samples.find((sample) => sample.name === "http_requests_in_progress")?.value ?? "0").toBe("0");
    expect(samples.filter((sample) => sample.name === "http_requests_total")).toEqual([]);
  });

  it("measures requests that no Node HTTP server announced, as another framework may hand them over", async () => {
    const metrics = createMetrics({ exemplars: false });
    const middleware = metricsMiddleware(metrics);
    const request = { method: "PUT", url: "/by-hand?x=1", headers: { "content-length": "12" } };
    const response = Object.assign(new EventEmitter(), {
      statusCode: 201,
      writableEnded: false,
      getHeader: (name: string) => (name === "content-length" ? "3" : undefined),
    });
    let passedOn = false;
    middleware(request as unknown as IncomingMessage, response as unknown as ServerResponse, () => {
      passedOn = true;
    });
    response.writableEnded = true;
    response.emit("close");
    expect(passedOn).toBe(true);
    const samples = parseSamples(await metrics.render());
    const value = (name: string) => samples.find((sample) => sample.name === name)?.value;
    expect(value("http_requests_total")).toBe("1");
    expect(samples.find((sample) => sample.name === "http_requests_total")?.labels).toMatchObject({
      method: "PUT",
      status_code: "201",
    });
    expect(value("http_request_size_bytes_sum")).toBe("12");
    expect(value("http_response_size_bytes_sum")).toBe("3");
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
