import { afterEach, describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { httpCheck } from "./http.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function dependency(status: number) {
  const server = await listen((_request, response) => {
    response.statusCode = status;
    response.end("body");
  });
  closers.push(server.close);
  return server;
}

const run = (check: ReturnType<typeof httpCheck>, signal = new AbortController().signal) =>
  check.run({ signal, name: "dep" });

describe("httpCheck", () => {
  it("passes on a 2xx from a real server", async () => {
    const { url } = await dependency(204);
    expect(await run(httpCheck({ url: `${url}/ping` }))).toEqual({ status: "pass", observedValue: 204 });
  });

  it("fails on another status, and honours expectedStatus", async () => {
    const { url } = await dependency(503);
    expect(await run(httpCheck({ url }))).toEqual({
      status: "fail",
      observedValue: 503,
      message: "expected status 2xx, got 503",
    });
    expect(await run(httpCheck({ url, expectedStatus: [200, 503] }))).toMatchObject({ status: "pass" });
  });

  it("rejects when the server is down", async () => {
    const server = await dependency(200);
    await server.close();
    await expect(run(httpCheck({ url: server.url }))).rejects.toThrow(/fetch failed/);
  });

  it("is aborted by the run's signal", async () => {
    const server = await listen(() => {
      /* never answers */
    });
    closers.push(server.close);
    const controller = new AbortController();
    const pending = run(httpCheck({ url: server.url }), controller.signal);
    controller.abort(new Error("timed out after 50 ms"));
    await expect(pending).rejects.toThrow("timed out after 50 ms");
  });

  it("refuses a bad url or status list at construction", () => {
    expect(() => httpCheck({ url: "not a url" })).toThrow(/http\(s\) url/);
    expect(() => httpCheck({ url: "ftp://example.com" })).toThrow(/http\(s\) url/);
    expect(() => httpCheck({ url: "http://127.0.0.1", expectedStatus: 99 })).toThrow(/expectedStatus/);
  });
});
