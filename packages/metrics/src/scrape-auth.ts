import { createHash, timingSafeEqual } from "node:crypto";

/** Who may read `/metrics`: a bearer token, or a user name and password (HTTP basic auth). */
export type ScrapeAuth = { bearerToken: string } | { username: string; password: string };

/** Returns the challenge to send with a 401, or undefined when the Authorization header is accepted. */
export function checkScrapeAuth(auth: ScrapeAuth, authorization: string | undefined): string | undefined {
  if ("bearerToken" in auth) {
    const token = authorization?.match(/^Bearer +(\S+) *$/i)?.[1];
    return token !== undefined && sameSecret(token, auth.bearerToken) ? undefined : 'Bearer realm="metrics"';
  }
  const encoded = authorization?.match(/^Basic +([A-Za-z0-9+/=]+) *$/i)?.[1];
  const decoded = encoded === undefined ? "" : Buffer.from(encoded, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  const accepted =
    separator > 0 &&
    sameSecret(decoded.slice(0, separator), auth.username) &&
    sameSecret(decoded.slice(separator + 1), auth.password);
  return accepted ? undefined : 'Basic realm="metrics", charset="UTF-8"';
}

export function validateScrapeAuth(auth: ScrapeAuth | undefined): void {
  if (auth === undefined) return;
  const secrets = "bearerToken" in auth ? [auth.bearerToken] : [auth.username, auth.password];
  if (secrets.some((secret) => typeof secret !== "string" || secret.length === 0)) {
    throw new TypeError("@periscope/metrics: auth needs a non-empty bearerToken, or a non-empty username and password");
  }
}

/** Compares digests, so the time taken says nothing about how much of the secret matched. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
