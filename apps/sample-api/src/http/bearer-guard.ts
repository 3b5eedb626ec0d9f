import { createHash, timingSafeEqual } from "node:crypto";
import type express from "express";

/**
 * Lets a request through only with `Authorization: Bearer <token>`; else 401 naming the variable that
 * sets the token. Compares digests of equal length, in constant time.
 */
export function bearerGuard(token: string, variable: string): express.RequestHandler {
  const expected = digest(token);
  return (request, response, next) => {
    const presented = /^Bearer (.+)$/.exec(request.get("authorization") ?? "")?.[1];
    if (presented === undefined || !timingSafeEqual(expected, digest(presented))) {
      response.status(401).json({ error: `missing or wrong bearer token (${variable})` });
      return;
    }
    next();
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
