import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger } from "@periscope/logging";
import { afterEach, describe, expect, it } from "vitest";
import { createReceivers } from "./receivers.js";

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function answering(status: number, headers: Record<string, string>): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(status, headers).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

const alert = {
  fingerprint: "0123456789abcdef",
  state: "firing",
  labels: { alertname: "A" },
  annotations: {},
  startsAt: "2026-01-01T00:00:00.000Z",
} as never;

describe("receivers", () => {
  it("hand a short Retry-After of a 429 to the delivery loop instead of dropping it", async () => {
    const url = await answering(429, { "retry-after": "2" });
    const logger = createLogger({ service: "test", level: "error" });
    const receivers = createReceivers([{ name: "hook", type: "webhook", url, secret: "s" }], logger, 2000);
    const result = await receivers.get("hook")?.send(alert, { idempotencyKey: "k" });
    expect(result).toMatchObject({ ok: false, status: 429, retryable: true, retryAfterMs: 2000 });
    await logger.shutdown();
  });
});
