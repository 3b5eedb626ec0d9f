import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import { contentTypeOf, negotiateFormat } from "./exposition-format.js";
import { renderRegistry } from "./render.js";
import { checkScrapeAuth, type ScrapeAuth, validateScrapeAuth } from "./scrape-auth.js";

export interface MetricsHandlerOptions {
  registry: Registry;
  /** Require a bearer token or basic auth. Open by default. */
  auth?: ScrapeAuth;
  /** The longest stretch of rendering before the handler yields to other requests. Default 10 ms. */
  sliceMilliseconds?: number;
  /** Called when rendering fails (a collect callback threw, say). */
  onError?: (error: unknown) => void;
}

export type MetricsHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * Serves the registry: GET and HEAD only, OpenMetrics to scrapers that ask for it (exemplars
 * included), Prometheus text otherwise. The body is streamed in slices, so a large registry does
 * not stall the service's other requests.
 */
export function createMetricsHandler(options: MetricsHandlerOptions): MetricsHandler {
  validateScrapeAuth(options.auth);
  const { registry, auth, sliceMilliseconds, onError } = options;

  return async (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
      response.end("Method Not Allowed: /metrics answers GET and HEAD\n");
      return;
    }
    const challenge = auth && checkScrapeAuth(auth, request.headers.authorization);
    if (challenge) {
      response.writeHead(401, { "WWW-Authenticate": challenge, "Content-Type": "text/plain; charset=utf-8" });
      response.end("Unauthorized\n");
      return;
    }
    const format = negotiateFormat(request.headers.accept);
    const headers = { "Content-Type": contentTypeOf(format), "Cache-Control": "no-store" };
    if (request.method === "HEAD") {
      response.writeHead(200, headers);
      response.end();
      return;
    }
    try {
      for await (const chunk of renderRegistry(registry, format, { sliceMilliseconds })) {
        if (response.destroyed) return;
        if (!response.headersSent) response.writeHead(200, headers);
        if (!response.write(chunk)) await waitForDrain(response);
      }
      response.end();
    } catch (error) {
      onError?.(error);
      if (!response.headersSent) {
        response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        response.end("Failed to collect metrics\n");
      } else {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };
}

function waitForDrain(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}
