import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { jsonBody, MAX_JSON_DEPTH, nestedDeeperThan } from "./json-body.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function echo(): Promise<string> {
  const app = express();
  app.use(jsonBody({ limit: "100kb" }));
  app.post("/echo", (request, response) => {
    response.json({ body: request.body ?? null });
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;
}

const post = (url: string, body: string | undefined, contentType?: string) =>
  fetch(url, { method: "POST", body, headers: contentType ? { "content-type": contentType } : {} });

describe("jsonBody", () => {
  it("passes JSON and bare POSTs through", async () => {
    const url = await echo();
    expect(await (await post(url, '{"a":[1,{"b":2}]}', "application/json")).json()).toEqual({
      body: { a: [1, { b: 2 }] },
    });
    expect((await post(url, undefined)).status).toBe(200);
  });

  it("answers 415 to a body of another type", async () => {
    const url = await echo();
    for (const type of ["text/plain", "application/xml", "application/x-www-form-urlencoded"]) {
      const response = await post(url, "type=x", type);
      expect([type, response.status]).toEqual([type, 415]);
      expect(await response.json()).toEqual({ error: "Content-Type must be application/json" });
    }
  });

  it("answers 400 to JSON nested deeper than the limit, however deep, without exhausting the stack", async () => {
    const url = await echo();
    for (const levels of [MAX_JSON_DEPTH + 1, 45_000]) {
      const response = await post(url, `{"a":${"[".repeat(levels)}${"]".repeat(levels)}}`, "application/json");
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/nested deeper than 64 levels/);
    }
    const shallow = `{"a":${"[".repeat(MAX_JSON_DEPTH - 1)}${"]".repeat(MAX_JSON_DEPTH - 1)}}`;
    expect((await post(url, shallow, "application/json")).status).toBe(200);
  });

  it("counts depth of objects and arrays, not of scalars", () => {
    expect(nestedDeeperThan("text", 0)).toBe(false);
    expect(nestedDeeperThan({ a: { b: 1 } }, 2)).toBe(false);
    expect(nestedDeeperThan({ a: { b: {} } }, 2)).toBe(true);
    expect(nestedDeeperThan([[[]]], 2)).toBe(true);
  });
});
