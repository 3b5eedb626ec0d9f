import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterEach } from "vitest";
import { createSampleMetrics } from "../src/app.js";
import { createDomain, type Domain, type DomainOptions } from "../src/domain/create-domain.js";
import { apiRouter } from "../src/http/api-router.js";

export interface InProcessApi {
  url: string;
  domain: Domain;
  dataDir: string;
  errors: unknown[];
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers; the assertions check their shape
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

const open: InProcessApi[] = [];
afterEach(async () => {
  for (const api of open.splice(0)) await api.close();
});

/**
 * The domain and its /api/v1 router on a real listener on 127.0.0.1 (port 0), with fast timings:
 * a 50 ms loop, 20 ms retry backoff, model calls of a few ms that never fail unless `settings` say so.
 */
export async function startInProcess(
  options: Partial<Omit<DomainOptions, "metrics">> & { keepData?: boolean } = {},
): Promise<InProcessApi> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "sample-api-test-"));
  const errors: unknown[] = [];
  const metrics = createSampleMetrics();
  const domain = createDomain({
    ...options,
    dataDir,
    metrics,
    settings: { tickMs: 50, retryBackoffMs: 20, llmLatencyMs: [1, 5], llmErrorRate: 0, ...options.settings },
    onError: (error) => errors.push(error),
  });
  const app = express();
  app.use(express.json());
  app.use("/api/v1", apiRouter(domain));
  app.get("/metrics", metrics.handler());
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  domain.start();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed = false;
  const api: InProcessApi = {
    url,
    domain,
    dataDir,
    errors,
    async request(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await domain.shutdown();
      await metrics.shutdown();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  open.push(api);
  return api;
}

/** Polls `read` until `accept` holds or `timeoutMs` passes; returns the last value read. */
export async function waitFor<T>(
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}
