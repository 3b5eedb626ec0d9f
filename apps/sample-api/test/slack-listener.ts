import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface Received {
  path: string;
  body: string;
  at: number;
}

const open: Server[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * A real HTTP listener on 127.0.0.1 standing in for Slack's incoming webhooks: records and answers 200,
 * after `delayMs(path)` milliseconds (none by default), so a consumer can be kept busy on purpose.
 */
export async function startSlackListener(
  options: { delayMs?: (path: string) => number } = {},
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const path = request.url ?? "";
      received.push({ path, body, at: Date.now() });
      const answer = () => response.writeHead(200).end("ok");
      const delay = options.delayMs?.(path) ?? 0;
      if (delay > 0) setTimeout(answer, delay).unref();
      else answer();
    });
  });
  server.keepAliveTimeout = 100;
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received };
}

/** Polls until `condition` holds; throws after `timeoutMs` naming what it waited for. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
