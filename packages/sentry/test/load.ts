import express, { type NextFunction, type Request, type Response } from "express";
import { sentryErrorHandler } from "../src/express.js";
import type { SentryHandle } from "../src/index.js";
import { listen } from "./http.js";

/** ~300 concurrent requests that each throw a 500; returns each request's status and duration. */
export async function throwUnderLoad(sentry: SentryHandle, requests = 300) {
  const app = express();
  app.get("/api/v1/work/:id", (request: Request) => {
    throw new Error(`work ${request.params.id} failed`);
  });
  app.use(sentryErrorHandler(sentry));
  app.use((_error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    response.status(500).json({ error: "failed" });
  });
  const server = await listen(app);
  try {
    return await Promise.all(
      Array.from({ length: requests }, async (_, index) => {
        const started = performance.now();
        const response = await fetch(`${server.url}/api/v1/work/${index}`);
        await response.arrayBuffer();
        return { status: response.status, ms: performance.now() - started };
      }),
    );
  } finally {
    await server.close();
  }
}
