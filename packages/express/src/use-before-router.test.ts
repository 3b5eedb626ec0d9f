import type { IncomingMessage, ServerResponse } from "node:http";
import express from "express";
import express4 from "express4";
import { afterEach, describe, expect, it } from "vitest";
import { listen } from "../../metrics/test/http-server.js";
import { type ExpressAppLike, type Next, useBeforeRouter } from "./index.js";

type App = ExpressAppLike & ((request: IncomingMessage, response: ServerResponse) => void);

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(app: App): Promise<string> {
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

/** A middleware that appends its name to the `x-seen` response header and passes the request on. */
function mark(name: string) {
  return (_request: IncomingMessage, response: ServerResponse, next: Next) => {
    const seen = response.getHeader("x-seen");
    response.setHeader("x-seen", seen === undefined ? name : `${seen},${name}`);
    next();
  };
}

for (const [version, makeApp] of [
  ["Express 5", () => express() as unknown as App],
  ["Express 4", () => express4() as unknown as App],
] as const) {
  describe(`useBeforeRouter on ${version}`, () => {
    it("runs the middleware in the order given, later calls after, all before every layer and route", async () => {
      const app = makeApp();
      useBeforeRouter(app, mark("a"), mark("b"));
      useBeforeRouter(app, mark("c"));
      (app as unknown as express.Express).use(mark("layer"));
      (app as unknown as express.Express).get("/hello", (_request, response) => {
        response.send("hello");
      });
      const url = await serve(app);
      const answer = await fetch(`${url}/hello`);
      expect(await answer.text()).toBe("hello");
      expect(answer.headers.get("x-seen")).toBe("a,b,c,layer");
      const missing = await fetch(`${url}/nowhere`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-seen")).toBe("a,b,c,layer");
    });

    it("gives the middleware the request as Express prepared it", async () => {
      const app = makeApp();
      const seen: unknown[] = [];
      useBeforeRouter(app, (request, _response, next) => {
        const prepared = request as IncomingMessage & { app?: unknown; get?: (name: string) => string };
        seen.push(prepared.app === app, prepared.url, prepared.get?.("x-probe"));
        next();
      });
      (app as unknown as express.Express).get("/tasks/:id", (request, response) => {
        response.send(`task ${request.params.id} at ${request.originalUrl}`);
      });
      const url = await serve(app);
      const answer = await fetch(`${url}/tasks/7?full=1`, { headers: { "x-probe": "yes" } });
      expect(await answer.text()).toBe("task 7 at /tasks/7?full=1");
      expect(seen).toEqual([true, "/tasks/7?full=1", "yes"]);
    });

    it("waits for a middleware that calls next later, request by request", async () => {
      const app = makeApp();
      useBeforeRouter(app, (request, response, next) => {
        const delay = request.url === "/slow" ? 100 : 0;
        setTimeout(() => {
          response.setHeader("x-path", request.url ?? "");
          next();
        }, delay);
      });
      (app as unknown as express.Express).get(["/slow", "/fast"], (request, response) => {
        response.send(request.path);
      });
      const url = await serve(app);
      const [slow, fast] = await Promise.all([fetch(`${url}/slow`), fetch(`${url}/fast`)]);
      expect([await slow.text(), slow.headers.get("x-path")]).toEqual(["/slow", "/slow"]);
      expect([await fast.text(), fast.headers.get("x-path")]).toEqual(["/fast", "/fast"]);
    });

    it("sends an error passed on or thrown by a middleware to Express's final handler, skipping the rest", async () => {
      const app = makeApp();
      const reached: string[] = [];
      useBeforeRouter(
        app,
        (request, _response, next) => {
          if (request.url === "/passed") next(Object.assign(new Error("passed on"), { status: 503 }));
          else if (request.url === "/thrown") throw new Error("thrown");
          else if (request.url === "/leave") next("router");
          else next();
        },
        (request, _response, next) => {
          reached.push(request.url ?? "");
          next();
        },
      );
      (app as unknown as express.Express).get(["/passed", "/thrown", "/leave", "/fine"], (_request, response) => {
        response.send("route");
      });
      (app as unknown as express.Express).set("env", "test");
      const url = await serve(app);
      expect((await fetch(`${url}/passed`)).status).toBe(503);
      expect((await fetch(`${url}/thrown`, { signal: AbortSignal.timeout(5000) })).status).toBe(500);
      expect((await fetch(`${url}/fine`)).status).toBe(200);
      expect(reached).toEqual(["/fine"]);
      // "router" leaves the router: Express 5's final handler answers 404; Express 4's layer passes it on.
      expect((await fetch(`${url}/leave`)).status).toBe(404);
    });

    it("runs a mounted app's chain for the requests that reach it", async () => {
      const app = makeApp();
      const api = makeApp();
      useBeforeRouter(app, mark("outer"));
      useBeforeRouter(api, mark("inner"));
      (api as unknown as express.Express).get("/tasks", (request, response) => {
        response.send(`${request.baseUrl}${request.path}`);
      });
      (app as unknown as express.Express).use("/api", api as unknown as express.Express);
      const url = await serve(app);
      const answer = await fetch(`${url}/api/tasks`);
      expect(await answer.text()).toBe("/api/tasks");
      expect(answer.headers.get("x-seen")).toBe("outer,inner");
    });

    it("refuses error handlers, non-functions and non-apps with a clear error", () => {
      const app = makeApp();
      const errorHandler = (_error: unknown, _request: unknown, _response: unknown, next: Next) => next();
      expect(() => useBeforeRouter(app, errorHandler as never)).toThrow(/four parameters, an error handler/);
      expect(() => useBeforeRouter(app, "not a function" as never)).toThrow(/middleware 0 is string/);
      expect(() => useBeforeRouter({} as never, mark("a"))).toThrow(/needs an Express application/);
    });
  });
}

describe("useBeforeRouter on Express 5", () => {
  it("adds no layer to the app's router", () => {
    const app = express();
    const layersBefore = app.router.stack.length;
    useBeforeRouter(app as unknown as ExpressAppLike, mark("a"), mark("b"));
    expect(app.router.stack.length).toBe(layersBefore);
  });
});
