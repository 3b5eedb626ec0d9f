import { createHash, randomBytes } from "node:crypto";
import type { Request } from "express";
import { tokenMatches } from "../bearer-auth.js";

export const SESSION_COOKIE = "periscope_console";

export interface ConsoleSession {
  /** Shown on acknowledgements and silences made in this session. */
  name: string;
  /** The per-session CSRF token every action form carries in a hidden field. */
  csrf: string;
  expiresAt: number;
}

export type ActionCheck = { ok: true; session: ConsoleSession } | { ok: false; status: 401 | 403; reason: string };

export interface ConsoleAuthOptions {
  /** WORKER_API_TOKEN. Without one, sessions are given to loopback clients only. */
  apiToken: string | undefined;
  ttlMs?: number;
  maxSessions?: number;
}

const digest = (value: string) => createHash("sha256").update(value).digest("base64url");
const randomToken = () => randomBytes(32).toString("base64url");

export function isLoopback(request: Request): boolean {
  const address = request.socket.remoteAddress ?? "";
  return address === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address);
}

export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/** A cross-site request shows itself by its Origin (or Sec-Fetch-Site); a same-origin form post passes. */
export function sameOrigin(request: Request): boolean {
  const origin = request.get("origin");
  if (origin !== undefined) return origin === `${request.protocol}://${request.get("host")}`;
  const site = request.get("sec-fetch-site");
  return site === undefined || site === "same-origin" || site === "none";
}

/**
 * Console logins: the token is posted once, compared in constant time, and traded for a random session id in
 * an HttpOnly, SameSite=Strict cookie. Sessions live in memory (a restart logs everyone out), keyed by a digest
 * of the id, bounded in number and age.
 */
export function createConsoleAuth(options: ConsoleAuthOptions) {
  const ttlMs = options.ttlMs ?? 12 * 3_600_000;
  const maxSessions = options.maxSessions ?? 1000;
  const sessions = new Map<string, ConsoleSession>();
  const mode: "token" | "loopback" = options.apiToken === undefined ? "loopback" : "token";

  const session = (request: Request): ConsoleSession | undefined => {
    const id = readCookie(request, SESSION_COOKIE);
    if (!id) return undefined;
    const key = digest(id);
    const found = sessions.get(key);
    if (!found) return undefined;
    if (found.expiresAt <= Date.now() || (mode === "loopback" && !isLoopback(request))) {
      if (found.expiresAt <= Date.now()) sessions.delete(key);
      return undefined;
    }
    return found;
  };

  return {
    mode,
    ttlMs,
    /** Whether this client may log in at all (without a token: loopback clients only). */
    canLogIn: (request: Request): boolean => mode === "token" || isLoopback(request),
    session,
    /** Returns the new session id (for the cookie), or undefined when the token is wrong or not allowed. */
    logIn(request: Request, token: string, name: string): string | undefined {
      if (mode === "token" ? !tokenMatches(options.apiToken as string, token) : !isLoopback(request)) return undefined;
      if (sessions.size >= maxSessions) {
        const oldest = sessions.keys().next().value;
        if (oldest !== undefined) sessions.delete(oldest);
      }
      const id = randomToken();
      sessions.set(digest(id), { name: name || "console", csrf: randomToken(), expiresAt: Date.now() + ttlMs });
      return id;
    },
    logOut(request: Request): void {
      const id = readCookie(request, SESSION_COOKIE);
      if (id) sessions.delete(digest(id));
    },
    /** Every console action: a live session, the same origin, and that session's CSRF token. */
    checkAction(request: Request, csrf: unknown): ActionCheck {
      if (!sameOrigin(request)) return { ok: false, status: 403, reason: "cross-site request refused" };
      const found = session(request);
      if (!found) return { ok: false, status: 401, reason: "log in to act on alerts" };
      if (typeof csrf !== "string" || !tokenMatches(found.csrf, csrf)) {
        return { ok: false, status: 403, reason: "the form has expired: reload the page and try again" };
      }
      return { ok: true, session: found };
    },
    cookie(id: string, secure: boolean): string {
      const attributes = [`Max-Age=${Math.floor(ttlMs / 1000)}`, "Path=/", "HttpOnly", "SameSite=Strict"];
      return [`${SESSION_COOKIE}=${id}`, ...attributes, ...(secure ? ["Secure"] : [])].join("; ");
    },
    clearCookie: (): string => `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`,
  };
}

export type ConsoleAuth = ReturnType<typeof createConsoleAuth>;
