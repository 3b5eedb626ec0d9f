// Broken OTLP collectors on 127.0.0.1 for the fault mode (`node http-overhead.mjs faults`): one that refuses
// connections (a closed port), one that answers every export with 500, and one that accepts the connection
// and never answers. They run in the benchmark's own process, not the measured server's.
import { createServer } from "node:http";

async function listen(server) {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

export async function startFaultEndpoints() {
  const closed = createServer();
  const refusedUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));

  const failing = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(500, { "content-type": "text/plain" }).end("collector failing"));
  });
  const failingUrl = await listen(failing);

  const held = new Set();
  const blackHole = createServer((request) => {
    request.resume();
    held.add(request.socket);
    request.socket.once("close", () => held.delete(request.socket));
  });
  blackHole.requestTimeout = 0;
  blackHole.headersTimeout = 0;
  const blackHoleUrl = await listen(blackHole);

  return {
    refusedUrl,
    failingUrl,
    blackHoleUrl,
    async stop() {
      for (const socket of held) socket.destroy();
      failing.closeAllConnections();
      await Promise.all([failing, blackHole].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
