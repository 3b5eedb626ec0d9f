import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { tcpCheck } from "./tcp.js";

const context = () => ({ signal: new AbortController().signal, name: "tcp" });

async function tcpListener() {
  const server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { server, port: address.port };
}

describe("tcpCheck", () => {
  it("passes while a real listener accepts and fails once it is closed", async () => {
    const { server, port } = await tcpListener();
    const check = tcpCheck({ host: "127.0.0.1", port });
    expect(await check.run(context())).toEqual({ status: "pass" });
    await new Promise((resolve) => server.close(resolve));
    await expect(check.run(context())).rejects.toThrow(/ECONNREFUSED/);
  });

  it("refuses a bad host or port", () => {
    expect(() => tcpCheck({ host: "", port: 5432 })).toThrow(/host/);
    expect(() => tcpCheck({ host: "db", port: 70_000 })).toThrow(/port must be an integer/);
  });
});
