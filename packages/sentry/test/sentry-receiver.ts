import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createServer as createNetServer } from "node:net";
import { gunzipSync } from "node:zlib";

export interface EnvelopeItem {
  header: Record<string, unknown> & { type?: string };
  payload: Record<string, unknown> | string;
}

export interface ReceivedEnvelope {
  path: string;
  /** The decompressed request body, exactly as sent. */
  raw: Buffer;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

/** Splits a Sentry envelope: a header line, then items of an item header line and a payload (`length` bytes or a line). */
export function decodeEnvelope(raw: Buffer): Pick<ReceivedEnvelope, "header" | "items"> {
  let offset = 0;
  const readLine = (): Buffer => {
    const end = raw.indexOf(0x0a, offset);
    const line = raw.subarray(offset, end === -1 ? raw.length : end);
    offset = end === -1 ? raw.length : end + 1;
    return line;
  };
  const header = JSON.parse(readLine().toString("utf8")) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < raw.length) {
    const headerLine = readLine();
    if (headerLine.length === 0) continue;
    const itemHeader = JSON.parse(headerLine.toString("utf8")) as EnvelopeItem["header"];
    let body: Buffer;
    if (typeof itemHeader.length === "number") {
      body = raw.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length;
      if (raw[offset] === 0x0a) offset += 1;
    } else {
      body = readLine();
    }
    const text = body.toString("utf8");
    let payload: EnvelopeItem["payload"] = text;
    try {
      payload = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // attachments and other binary payloads stay text
    }
    items.push({ header: itemHeader, payload });
  }
  return { header, items };
}

/** A tiny Sentry ingestion endpoint on 127.0.0.1: accepts POST /api/<project>/envelope/, keeps every envelope. */
export async function startSentryReceiver() {
  const envelopes: ReceivedEnvelope[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      if (request.method !== "POST" || !/^\/api\/\d+\/envelope\/(\?|$)/.test(path)) {
        response.writeHead(404).end();
        return;
      }
      let raw = Buffer.concat(chunks);
      if (request.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
      envelopes.push({ path, raw, ...decodeEnvelope(raw) });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  const port = await listen(server);
  const events = () =>
    envelopes.flatMap((envelope) =>
      envelope.items
        .filter((item) => item.header.type === "event")
        .map((item) => item.payload as unknown as SentryEventJson),
    );
  return {
    port,
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    envelopes,
    events,
    async waitForEvents(count: number, timeoutMs = 10_000): Promise<SentryEventJson[]> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (events().length >= count) return events();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`expected ${count} events within ${timeoutMs} ms, got ${events().length}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => undefined),
    closeAll: () => server.closeAllConnections(),
  };
}

export interface SentryEventJson {
  event_id: string;
  level?: string;
  fingerprint?: string[];
  transaction?: string;
  tags?: Record<string, string>;
  contexts?: { trace?: { trace_id?: string; span_id?: string } } & Record<string, unknown>;
  exception?: { values?: { type?: string; value?: string }[] };
  request?: Record<string, unknown>;
  user?: Record<string, unknown>;
  breadcrumbs?: unknown[];
}

/** A port nothing listens on: connections are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections and never answers: a DSN that black-holes requests. */
export async function startBlackHole() {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createNetServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("data", () => {});
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    port,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function listen(server: Server | ReturnType<typeof createNetServer>): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
