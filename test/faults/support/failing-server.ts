import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** An HTTP back end on 127.0.0.1 that reads every request and answers `status` (a collector or DSN in trouble). */
export async function startFailingServer(status = 500) {
  let requests = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      requests++;
      response.writeHead(status, { "content-type": "application/json" }).end('{"error":"injected failure"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Misbehaviour = "refuse" | "500" | "hang";

/**
 * A back end on one fixed port whose fault can be switched while the app runs: refusing connections (the
 * port closed), answering 500, or accepting requests and never answering.
 */
export async function startShiftingServer(initial: Misbehaviour) {
  let mode = initial;
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (mode === "500") response.writeHead(500).end('{"error":"injected failure"}');
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  if (initial === "refuse") await close();
  return {
    url: `http://127.0.0.1:${port}`,
    async set(next: Misbehaviour) {
      if (next === "refuse") await close();
      else if (!server.listening) await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
      mode = next;
    },
    close,
  };
}
