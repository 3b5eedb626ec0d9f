import * as Sentry from "@sentry/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentryErrorHandler } from "../../src/express.js";
import { initSentry } from "../../src/index.js";
import { listen } from "../http.js";
import { startSentryReceiver } from "../sentry-receiver.js";

let receiver: Awaited<ReturnType<typeof startSentryReceiver>>;

beforeAll(async () => {
  receiver = await startSentryReceiver();
  // A DSN in the process environment that must not be used: the handle reads `env` only.
  process.env.SENTRY_DSN = receiver.dsn;
});
afterAll(async () => {
  delete process.env.SENTRY_DSN;
  await receiver.close();
});

describe("without a DSN", () => {
  it("is a no-op: the SDK is never initialised, the handler only calls next(error), nothing is sent", async () => {
    const sentry = initSentry({ env: {} });
    expect(sentry.enabled).toBe(false);
    expect(Sentry.getClient()).toBeUndefined();
    expect(Sentry.isInitialized()).toBe(false);
    expect(sentry.captureException(new Error("nobody hears this"))).toBeUndefined();

    const seen: unknown[] = [];
    const app = express();
    app.get("/boom", () => {
      throw new Error("boom");
    });
    app.use(sentryErrorHandler(sentry));
    app.use((error: Error, _request: Request, response: Response, _next: NextFunction) => {
      seen.push(error);
      response.status(500).json({ error: error.message });
    });
    const server = await listen(app);
    try {
      const response = await fetch(`${server.url}/boom`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: "boom" });
      expect(seen).toHaveLength(1);
    } finally {
      await server.close();
    }
    await sentry.shutdown();
    await sentry.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.envelopes).toHaveLength(0);
    expect(Sentry.getClient()).toBeUndefined();
  });

  it("reads SENTRY_DSN from process.env by default, and rejects a malformed one naming the variable", () => {
    expect(() => initSentry({ env: { SENTRY_DSN: "not a dsn" } })).toThrow(/SENTRY_DSN/);
    expect(() => initSentry({ env: {}, dsn: "http://127.0.0.1:9/1" })).toThrow(/dsn/);
    expect(Sentry.getClient()).toBeUndefined();
  });
});
