import { connect } from "node:net";

/**
 * Sends a request exactly as written (header lines Node's own client would refuse: CRLF inside a
 * value, raw UTF-8, repeated headers) and resolves with the response's status (`:status`) and lower-cased headers.
 */
export function rawRequest(url: string, path: string, headerLines: string[]): Promise<Record<string, string>> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const head = received.toString("latin1");
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) return;
      socket.destroy();
      const [statusLine = "", ...lines] = head.slice(0, end).split("\r\n");
      const headers: Record<string, string> = { ":status": statusLine.split(" ")[1] ?? "" };
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve(headers);
    });
    socket.on("error", reject);
    const request = [`GET ${path} HTTP/1.1`, "host: 127.0.0.1", "connection: close", ...headerLines, "", ""].join(
      "\r\n",
    );
    socket.write(Buffer.from(request, "utf8"));
  });
}
