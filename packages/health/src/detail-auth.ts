import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Returns whether an `Authorization` header may see the full detail. Without a token everyone may.
 * Both sides are hashed first so the comparison is constant-time whatever the lengths.
 */
export function createDetailAuthorizer(token: string | undefined): (authorization: unknown) => boolean {
  if (token === undefined) return () => true;
  const expected = sha256(token);
  return (authorization) => {
    if (typeof authorization !== "string") return false;
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!match?.[1]) return false;
    return timingSafeEqual(sha256(match[1]), expected);
  };
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
