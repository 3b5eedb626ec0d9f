// An OTLP/HTTP endpoint on 127.0.0.1 that accepts trace exports and counts them, so exporters in the
// benchmarked servers do their real work (serialise, send) against a collector that answers at once.
import { createServer } from "node:http";

export async function startOtlpSink() {
  let exports = 0;
  let bytes = 0;
  const server = createServer((request, response) => {
    request.on("data", (chunk) => {
      bytes += chunk.length;
    });
    request.on("end", () => {
      if (request.url === "/v1/traces") exports++;
      const json = request.headers["content-type"]?.includes("json");
      response.writeHead(200, { "content-type": json ? "application/json" : "application/x-protobuf" });
      response.end(json ? "{}" : undefined);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts: () => ({ exports, bytes }),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
