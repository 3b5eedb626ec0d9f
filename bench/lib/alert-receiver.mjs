// The local receiver of the notification-worker benchmark: a webhook endpoint on 127.0.0.1 standing in for an
// incident tool, noting when each alert's message arrived (by its `instance` label).
import { createServer } from "node:http";

export async function startAlertReceiver() {
  const arrivals = new Map();
  let messages = 0;
  let duplicates = 0;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const at = performance.now();
      messages++;
      try {
        const instance = JSON.parse(Buffer.concat(chunks).toString("utf8")).labels?.instance;
        if (arrivals.has(instance)) duplicates++;
        else arrivals.set(instance, at);
      } catch {
        // Counted as a message; an unreadable body simply never matches an alert.
      }
      response.writeHead(200).end("ok");
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    arrivals,
    counts: () => ({ messages, duplicates, alerts: arrivals.size }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
