// Telemetry back ends on 127.0.0.1 for the fault mode (`node http-overhead.mjs faults`): one that accepts and
// answers 200 at once, one that refuses connections (a closed port), one that answers 500, and one that accepts
// the connection and never answers. They serve OTLP exports and Sentry envelopes alike, and run in the
// benchmark's own process, not the measured server's.
import { createServer } from "node:http";

async function listen(server) {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

export async function startFaultEndpoints() {
  const closed = createServer();
  const refusedUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));

  const healthy = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
  });
  const healthyUrl = await listen(healthy);

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
    healthyUrl,
    refusedUrl,
    failingUrl,
    blackHoleUrl,
    async stop() {
      for (const socket of held) socket.destroy();
      failing.closeAllConnections();
      healthy.closeAllConnections();
      await Promise.all([healthy, failing, blackHole].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
