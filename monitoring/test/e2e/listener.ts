import { createServer, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { gunzipSync } from "node:zlib";

export interface Recorder {
  url: string;
  /** Every request body answered 200, decoded as text, in order: the messages delivered. */
  bodies: string[];
  /** Every request body answered 500 (the first `failFirst` requests), in order. */
  rejected: string[];
  close: () => Promise<void>;
}

/**
 * A real HTTP listener on 127.0.0.1 that records each body (stands in for Slack). It answers 500 to its first
 * `failFirst` requests, as a Slack having a bad moment would, so the sender must retry; 200 after that.
 */
export async function startRecorder({ failFirst = 0 }: { failFirst?: number } = {}): Promise<Recorder> {
  const bodies: string[] = [];
  const rejected: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = (request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
      if (rejected.length < failFirst) {
        rejected.push(body);
        response.writeHead(500, { "content-type": "text/plain" }).end("internal_error");
        return;
      }
      bodies.push(body);
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    rejected,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A port on 127.0.0.1 where a receiver is always down: every connection is reset before a response. Held open
 * (unlike a closed port) so no other process of the test can be given it meanwhile.
 */
export async function startDownListener(): Promise<{
  url: string;
  connections: () => number;
  close: () => Promise<void>;
}> {
  let connections = 0;
  const server = createNetServer((socket) => {
    connections++;
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
