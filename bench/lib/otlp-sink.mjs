// An OTLP/HTTP endpoint on 127.0.0.1 that accepts trace exports at once and counts them, their bytes, and the
// spans in them (protobuf or JSON), so exporters do their real work against a collector that never waits.
import { createServer } from "node:http";
import { gunzipSync } from "node:zlib";
import { spanNamesOf } from "./otlp-spans.mjs";

const MAX_NAMES = 100;

export async function startOtlpSink() {
  const counts = { exports: 0, bytes: 0, spans: 0, unreadable: 0 };
  const names = new Set();
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const contentType = request.headers["content-type"] ?? "";
      const json = contentType.includes("json");
      if (request.url === "/v1/traces") {
        const raw = Buffer.concat(chunks);
        counts.exports++;
        counts.bytes += raw.length;
        try {
          const body = request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
          for (const name of spanNamesOf(body, contentType)) {
            counts.spans++;
            if (names.size < MAX_NAMES) names.add(name);
          }
        } catch {
          counts.unreadable++;
        }
      }
      response.writeHead(200, { "content-type": json ? "application/json" : "application/x-protobuf" });
      response.end(json ? "{}" : undefined);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Totals so far: exports, bytes, spans, unreadable bodies. */
    counts: () => ({ ...counts }),
    /** Up to 100 distinct span names seen. */
    spanNames: () => [...names],
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
