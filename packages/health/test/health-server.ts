import { listen } from "../../metrics/test/http-server.js";
import type { Health } from "../src/create-health.js";

/** A node:http server on 127.0.0.1 that answers health paths through the handle and 404 otherwise. */
export function listenWithHealth(health: Health) {
  return listen((request, response) => {
    if (health.handle(request, response)) return;
    response.statusCode = 404;
    response.end("not found");
  });
}

// biome-ignore lint/suspicious/noExplicitAny: a test reads fields of JSON it asserts on
type Json = Record<string, any>;

export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}
