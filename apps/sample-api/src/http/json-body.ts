import express from "express";

/** Bodies nested deeper than this are refused before any code walks them recursively (JSON.stringify, zod). */
export const MAX_JSON_DEPTH = 64;

/**
 * Request bodies are JSON or nothing: another Content-Type is a 415, malformed JSON a 400 and a body
 * over `limit` a 413 (both from express.json), JSON nested deeper than `maxDepth` a 400.
 */
export function jsonBody(options: { limit: string; maxDepth?: number }): express.RequestHandler[] {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  return [
    (request, response, next) => {
      if (hasBody(request) && !request.is("application/json")) {
        response.status(415).json({ error: "Content-Type must be application/json" });
        return;
      }
      next();
    },
    express.json({ limit: options.limit }),
    (request, response, next) => {
      if (nestedDeeperThan(request.body, maxDepth)) {
        response.status(400).json({ error: `(body): nested deeper than ${maxDepth} levels`, field: "(body)" });
        return;
      }
      next();
    },
  ];
}

/** An empty body (`content-length: 0`, what clients send for a bare POST) counts as none. */
function hasBody(request: express.Request): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** Iterative, so a body of 50,000 nested arrays cannot exhaust the stack here. */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== "object") continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
