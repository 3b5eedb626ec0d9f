import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the receiver does with one request: answer (status, headers), or hold it and never answer. */
export type Reply = { status: number; headers?: Record<string, string>; delayMs?: number } | "hang";

export interface Arrival {
  key: string;
  alertname: string;
  headers: IncomingHttpHeaders;
  at: number;
  reply: Reply;
}

/**
 * A notification receiver (Slack, an incident tool) on 127.0.0.1 whose answers the test scripts per request
 * from the idempotency key, the alert name and how often that key was seen; `down()` closes the port
 * (connections refused) and `up()` listens again on the same one.
 */
export async function startFaultReceiver(decide: (arrival: { key: string; alertname: string; seen: number }) => Reply) {
  const arrivals: Arrival[] = [];
  const seen = new Map<string, number>();
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      const key = String(request.headers["idempotency-key"] ?? "");
      let alertname = "";
      try {
        alertname = String((JSON.parse(body) as { labels?: { alertname?: string } }).labels?.alertname ?? "");
      } catch {
        // not JSON: keep the empty name
      }
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      const reply = decide({ key, alertname, seen: count });
      arrivals.push({ key, alertname, headers: request.headers, at: Date.now(), reply });
      if (reply === "hang") {
        held.add(response);
        response.on("close", () => held.delete(response));
        return;
      }
      const answer = () => response.writeHead(reply.status, reply.headers).end("ok");
      if (reply.delayMs) setTimeout(answer, reply.delayMs).unref();
      else answer();
    });
  });
  server.keepAliveTimeout = 100;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const closeNow = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}/hook`,
    arrivals,
    /** Arrivals of one idempotency key, in order. */
    of: (key: string) => arrivals.filter((arrival) => arrival.key === key),
    keys: () => new Set(arrivals.map((arrival) => arrival.key)),
    down: closeNow,
    up: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    close: closeNow,
  };
}

export type FaultReceiver = Awaited<ReturnType<typeof startFaultReceiver>>;
