import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createNetServer, type Socket } from "node:net";

/** One span as an OTLP/HTTP JSON body carries it, flattened. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OTLP numbering: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  status: { code?: number; message?: string };
  droppedAttributesCount: number;
  resource: Record<string, unknown>;
  scope: string;
}

export interface ReceivedRequest {
  path: string;
  contentType: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;

/**
 * A tiny OTLP/HTTP trace receiver on 127.0.0.1 and a free port: it answers POST /v1/traces with 200,
 * keeps every request, and decodes http/json bodies into flat spans. (http/protobuf bodies are kept raw.)
 */
export async function startOtlpReceiver(): Promise<{
  url: string;
  requests: ReceivedRequest[];
  spans: () => ReceivedSpan[];
  waitForSpans: (predicate: (spans: ReceivedSpan[]) => boolean, timeoutMillis?: number) => Promise<ReceivedSpan[]>;
  close: () => Promise<void>;
}> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        path: request.url ?? "",
        contentType: request.headers["content-type"] ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      const json = (request.headers["content-type"] ?? "").includes("json");
      response.writeHead(request.method === "POST" && request.url === "/v1/traces" ? 200 : 404, {
        "content-type": json ? "application/json" : "application/x-protobuf",
      });
      response.end(json ? "{}" : undefined);
    });
  });
  const url = await listenOn(server);
  const spans = () =>
    requests.filter((request) => request.contentType.includes("json")).flatMap((r) => decodeJson(r.body));
  return {
    url,
    requests,
    spans,
    async waitForSpans(predicate, timeoutMillis = 10_000) {
      const deadline = Date.now() + timeoutMillis;
      while (Date.now() < deadline) {
        const current = spans();
        if (predicate(current)) return current;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(
        `spans did not arrive within ${timeoutMillis} ms; got ${JSON.stringify(spans().map((s) => s.name))}`,
      );
    },
    close: () => closeServer(server),
  };
}

/** A collector that accepts connections and never answers. */
export async function startBlackHole(): Promise<{
  url: string;
  connections: () => number;
  close: () => Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createNetServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("data", () => {});
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The URL of a port nothing listens on (bound, then released). */
export async function refusingUrl(): Promise<string> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function listenOn(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}
interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
}

function decodeValue(value: JsonAnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(decodeValue);
  return undefined;
}

function decodeAttributes(attributes: JsonKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, decodeValue(value)]));
}

function decodeJson(body: Buffer): ReceivedSpan[] {
  // biome-ignore lint/suspicious/noExplicitAny: the OTLP JSON body is parsed loosely on purpose
  const request: any = JSON.parse(body.toString("utf8"));
  const result: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = decodeAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        result.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? "",
          name: span.name,
          kind: span.kind,
          attributes: decodeAttributes(span.attributes),
          events: (span.events ?? []).map((event: { name: string; attributes?: JsonKeyValue[] }) => ({
            name: event.name,
            attributes: decodeAttributes(event.attributes),
          })),
          status: span.status ?? {},
          droppedAttributesCount: span.droppedAttributesCount ?? 0,
          resource,
          scope: scopeSpans.scope?.name ?? "",
        });
      }
    }
  }
  return result;
}
