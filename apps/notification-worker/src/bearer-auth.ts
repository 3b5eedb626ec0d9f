import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares in constant time (hashing first, so the length of the token does not leak either). */
export function tokenMatches(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/** Requires `Authorization: Bearer <token>` when a token is configured; open otherwise. */
export function bearerAuth(token: string | undefined) {
  return (request: Request, response: Response, next: NextFunction) => {
    if (token === undefined) return next();
    const header = request.get("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (match?.[1] && tokenMatches(token, match[1].trim())) return next();
    response.set("WWW-Authenticate", 'Bearer realm="notification-worker"');
    response.status(401).json({ error: "a valid bearer token is required" });
  };
}
