import type { IncomingMessage, Server, ServerResponse } from "node:http";

const IDLE_SWEEP_MS = 100;
/** How long to wait for the server's close callback once every connection was destroyed. */
const AFTER_CUT_GRACE_MS = 1000;

/**
 * An HTTP server under the handle's care: counts in-flight requests, marks responses
 * `Connection: close` while draining, and closes with a deadline for in-flight requests.
 */
export class TrackedServer {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(readonly server: Server) {
    server.prependListener("request", this.onRequest);
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** From now on every response asks its client to close the connection (and reconnect elsewhere). */
  beginDraining(): void {
    this.draining = true;
    for (const response of this.inFlight) {
      if (!response.headersSent) response.setHeader("Connection", "close");
    }
  }

  /**
   * Stops accepting connections, closes idle keep-alive ones and waits for in-flight requests up to
   * `deadlineMs`; then cuts the rest. Resolves with the number of requests cut.
   */
  async close(deadlineMs: number): Promise<number> {
    this.beginDraining();
    const closed = new Promise<void>((resolve) => {
      // ERR_SERVER_NOT_RUNNING (never listened, or already closed) also means nothing is left to wait for.
      this.server.close(() => resolve());
    });
    this.server.closeIdleConnections();
    // Timers here are ref'd on purpose: they keep the process alive until shutdown has finished.
    const sweep = setInterval(() => this.server.closeIdleConnections(), IDLE_SWEEP_MS);
    let deadline: NodeJS.Timeout | undefined;
    const deadlineReached = new Promise<"deadline">((resolve) => {
      deadline = setTimeout(() => resolve("deadline"), deadlineMs);
    });
    const outcome = await Promise.race([closed.then(() => "closed" as const), deadlineReached]);
    clearInterval(sweep);
    clearTimeout(deadline);
    let cut = 0;
    if (outcome === "deadline") {
      cut = this.inFlight.size;
      this.server.closeAllConnections();
      await Promise.race([closed, delay(AFTER_CUT_GRACE_MS)]);
    }
    this.server.removeListener("request", this.onRequest);
    return cut;
  }

  private readonly onRequest = (_request: IncomingMessage, response: ServerResponse): void => {
    this.inFlight.add(response);
    response.once("close", () => this.inFlight.delete(response));
    if (this.draining) response.setHeader("Connection", "close");
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
