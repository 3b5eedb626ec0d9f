import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "./app-process.js";

// A real HTTP listener on 127.0.0.1 stands in for Sentry's ingestion endpoint (the DSN).
const envelopes: string[] = [];
const ingest = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    envelopes.push((request.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString("utf8"));
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
let dsn = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => ingest.listen(0, "127.0.0.1", resolve));
  dsn = `http://publickey@127.0.0.1:${(ingest.address() as AddressInfo).port}/1`;
});
afterAll(() => {
  ingest.close();
});

describe("the sample API's Sentry wiring", () => {
  it("has no /debug/sentry-test route without a DSN", async () => {
    const app = await startApp({ SENTRY_DSN: "" });
    expect((await fetch(`${app.url}/debug/sentry-test`)).status).toBe(404);
  });

  it("sends the error /debug/sentry-test throws to the DSN, once, with its route and request id; no token needed", async () => {
    const app = await startApp({ SENTRY_DSN: dsn });
    // No Authorization header: with a DSN the route is open and does nothing but throw.
    const response = await fetch(`${app.url}/debug/sentry-test`, { headers: { "x-request-id": "sentry-check-1" } });
    expect(response.status).toBe(500);
    expect((await fetch(`${app.url}/api/v1/tasks/not-a-task`)).status).toBe(404);

    const deadline = Date.now() + 10_000;
    while (!envelopes.some((envelope) => envelope.includes("sentry test error")) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const events = envelopes.filter((envelope) => envelope.includes('"type":"event"'));
    expect(events, envelopes.join("\n---\n")).toHaveLength(1);
    expect(events[0]).toContain("sentry test error from /debug/sentry-test");
    expect(events[0]).toContain("sentry-check-1");
    expect(events[0]).toContain("GET /debug/sentry-test");
  });
});
