import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { mountPrefixOf, requestDataOf, requestIdOf } from "./request-data.js";

describe("request data", () => {
  it("derives the mount prefix from what the route did not match", () => {
    expect(mountPrefixOf("/api/v1/tasks/42?x=1", "/tasks/:id")).toBe("/api/v1");
    expect(mountPrefixOf("/boom", "/boom")).toBe("");
    expect(mountPrefixOf("/files/a/b", "/files/*splat")).toBe("");
  });

  it("builds url, query string, headers without cookies, cookie names and body", () => {
    const request = {
      method: "POST",
      originalUrl: "/a?b=1",
      headers: { host: "h:1", cookie: "sid=1; theme=dark", "x-a": ["1", "2"] },
      body: { note: "n" },
    } as unknown as IncomingMessage;
    expect(requestDataOf(request)).toEqual({
      method: "POST",
      url: "http://h:1/a",
      query_string: "b=1",
      headers: { host: "h:1", "x-a": "1, 2" },
      cookies: { sid: "", theme: "" },
      data: { note: "n" },
    });
  });

  it("prefers the response's request id, ignores malformed ones", () => {
    const response = { getHeader: () => "from-response" } as unknown as ServerResponse;
    const request = { headers: { "x-request-id": "from-request" } } as unknown as IncomingMessage;
    expect(requestIdOf(request, response)).toBe("from-response");
    const bad = { getHeader: () => "bad id\n" } as unknown as ServerResponse;
    expect(requestIdOf(request, bad)).toBe("from-request");
  });
});
