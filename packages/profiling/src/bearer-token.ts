import { createHash, timingSafeEqual } from "node:crypto";

/** True when `authorization` is `Bearer <token>`; compares digests so timing says nothing of the token. */
export function hasBearerToken(authorization: string | undefined, token: string): boolean {
  const given = authorization?.match(/^Bearer +(\S+) *$/i)?.[1];
  if (given === undefined) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
