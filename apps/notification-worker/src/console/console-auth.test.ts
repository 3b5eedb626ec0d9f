import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { createConsoleAuth, sameOrigin } from "./console-auth.js";
import { localPath } from "./login-page.js";

const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
  ({
    socket: { remoteAddress },
    protocol: "http",
    get: (name: string) => (name === "host" ? "127.0.0.1:3001" : headers[name.toLowerCase()]),
  }) as unknown as Request;

const withCookie = (remoteAddress: string, id: string) => request(remoteAddress, { cookie: `periscope_console=${id}` });

describe("console auth", () => {
  it("with a token: a session only for the right token, and its id is random, not the token", () => {
    const auth = createConsoleAuth({ apiToken: "s3cret" });
    expect(auth.logIn(request("10.0.0.5"), "wrong", "ana")).toBeUndefined();
    const id = auth.logIn(request("10.0.0.5"), "s3cret", "ana") as string;
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(auth.cookie(id, true)).toBe(
      `periscope_console=${id}; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict; Secure`,
    );
    const session = auth.session(withCookie("10.0.0.5", id));
    expect(session?.name).toBe("ana");
    expect(auth.checkAction(withCookie("10.0.0.5", id), session?.csrf)).toMatchObject({ ok: true });
    expect(auth.checkAction(withCookie("10.0.0.5", id), "nope")).toMatchObject({ ok: false, status: 403 });
    expect(auth.checkAction(withCookie("10.0.0.5", "forged"), session?.csrf)).toMatchObject({ ok: false, status: 401 });
  });

  it("without a token: sessions for loopback clients only, and only used from loopback", () => {
    const auth = createConsoleAuth({ apiToken: undefined });
    expect(auth.canLogIn(request("10.0.0.5"))).toBe(false);
    expect(auth.logIn(request("10.0.0.5"), "", "eve")).toBeUndefined();
    expect(auth.canLogIn(request("::ffff:127.0.0.1"))).toBe(true);
    const id = auth.logIn(request("::1"), "", "ana") as string;
    expect(auth.session(withCookie("127.0.0.1", id))?.name).toBe("ana");
    expect(auth.session(withCookie("10.0.0.5", id))).toBeUndefined();
  });

  it("refuses cross-site requests and login redirects off the site", () => {
    expect(sameOrigin(request("127.0.0.1", { origin: "http://127.0.0.1:3001" }))).toBe(true);
    expect(sameOrigin(request("127.0.0.1", { origin: "http://evil.example" }))).toBe(false);
    expect(sameOrigin(request("127.0.0.1", { origin: "null" }))).toBe(false);
    expect(sameOrigin(request("127.0.0.1", { "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(localPath("/console/alerts/abc")).toBe("/console/alerts/abc");
    expect(localPath("//evil.example/")).toBe("/");
    expect(localPath("/\\evil.example")).toBe("/");
    expect(localPath("https://evil.example/")).toBe("/");
  });
});
