import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { listen } from "../../metrics/test/http-server.js";
import { getJson } from "../test/health-server.js";
import { createHealth, type Health } from "./create-health.js";
import { healthRouter } from "./express.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function serve(app: express.Express, health: Health) {
  const server = await listen(app);
  cleanups.push(server.close, () => health.shutdown());
  return server.url;
}

describe("healthRouter", () => {
  it("answers the probes and passes other requests to the next route", async () => {
    const health = createHealth({ drainDelayMs: 0 });
    health.markStarted();
    const app = express();
    app.use(healthRouter(health));
    app.get("/tasks", (_request, response) => {
      response.json({ tasks: [] });
    });
    const url = await serve(app, health);
    expect(await getJson(`${url}/health/ready`)).toMatchObject({ status: 200, body: { status: "pass" } });
    expect(await getJson(`${url}/tasks`)).toMatchObject({ status: 200, body: { tasks: [] } });
    expect((await fetch(`${url}/health/nope`)).status).toBe(404);
  });

  it("works under a mount path", async () => {
    const health = createHealth({ drainDelayMs: 0 });
    const app = express();
    app.use("/ops", healthRouter(health));
    const url = await serve(app, health);
    expect(await getJson(`${url}/ops/health/startup`)).toMatchObject({ status: 503, body: { state: "starting" } });
    expect((await fetch(`${url}/health/startup`)).status).toBe(404);
  });

  it("refuses something that is not a handle", () => {
    expect(() => healthRouter({} as never)).toThrow(/createHealth/);
  });
});
