import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { chaosMiddleware, chaosRouter, readChaosSettings } from "./chaos.js";

const servers: import("node:http").Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function serve(app: express.Express): Promise<string> {
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("readChaosSettings", () => {
  it("defaults to 0 and reads a share and a token", () => {
    expect(readChaosSettings({})).toEqual({ errorRate: 0, dbErrorRate: 0 });
    expect(readChaosSettings({ CHAOS_ERROR_RATE: "0.25", CHAOS_TOKEN: "x" })).toEqual({
      errorRate: 0.25,
      dbErrorRate: 0,
      token: "x",
    });
  });

  it("refuses a share outside 0..1 naming the variable", () => {
    for (const value of ["1.5", "-0.1", "lots"]) {
      expect(() => readChaosSettings({ CHAOS_ERROR_RATE: value })).toThrow(/CHAOS_ERROR_RATE/);
    }
  });
});

describe("chaos middleware and admin route", () => {
  it("answers 500 at rate 1, passes at rate 0, and the route changes the rate only with the token", async () => {
    const chaos = { errorRate: 1 };
    const app = express();
    app.use(express.json());
    app.use(chaosRouter(chaos, "secret"));
    app.get("/api", chaosMiddleware(chaos), (_request, response) => {
      response.json({ ok: true });
    });
    const url = await serve(app);
    expect((await fetch(`${url}/api`)).status).toBe(500);

    const put = (body: unknown, token?: string) =>
      fetch(`${url}/debug/chaos`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await put({ error_rate: 0 })).status).toBe(401);
    expect((await put({ error_rate: 0 }, "wrong")).status).toBe(401);
    expect((await put({ error_rate: 2 }, "secret")).status).toBe(400);
    expect(chaos.errorRate).toBe(1);
    const ok = await put({ error_rate: 0 }, "secret");
    expect(await ok.json()).toEqual({ error_rate: 0, db_error_rate: 0 });
    expect((await fetch(`${url}/api`)).status).toBe(200);
  });
});
