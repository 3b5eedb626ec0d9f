import type { Response } from "express";

export interface ChangeFeedOptions {
  /** A cheap summary of the stored state; a different value means something changed. */
  version: () => string;
  /** How often the version is compared while someone listens (changes made by other processes, the clock). */
  pollIntervalMs?: number;
  /** Comment lines that keep proxies from closing an idle stream. */
  keepAliveMs?: number;
  onError: (error: unknown) => void;
}

/**
 * Server-sent events for the console: each open page holds one stream and gets `event: change` when the
 * stored alerts, deliveries or timelines change. Timers run only while a page listens, and are unref'd.
 */
export function createChangeFeed(options: ChangeFeedOptions) {
  const clients = new Set<Response>();
  let lastVersion: string | undefined;
  let poll: NodeJS.Timeout | undefined;
  let keepAlive: NodeJS.Timeout | undefined;
  let closed = false;

  const broadcast = (chunk: string) => {
    for (const client of clients) client.write(chunk);
  };
  const check = () => {
    if (clients.size === 0) return;
    try {
      const version = options.version();
      if (version === lastVersion) return;
      lastVersion = version;
      broadcast(`event: change\ndata: ${JSON.stringify({ version })}\n\n`);
    } catch (error) {
      options.onError(error);
    }
  };
  const startTimers = () => {
    poll ??= setInterval(check, options.pollIntervalMs ?? 1000).unref();
    keepAlive ??= setInterval(() => broadcast(": keep-alive\n\n"), options.keepAliveMs ?? 25_000).unref();
  };
  const stopTimers = () => {
    clearInterval(poll);
    clearInterval(keepAlive);
    poll = undefined;
    keepAlive = undefined;
  };

  return {
    /** Takes over a GET request as an event stream until the client leaves or the feed closes. */
    subscribe(response: Response): void {
      if (closed) {
        response.status(503).json({ error: "shutting down" });
        return;
      }
      response.status(200).set({
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Accel-Buffering": "no",
      });
      response.flushHeaders();
      if (clients.size === 0) lastVersion = safeVersion();
      response.write("retry: 2000\n\n");
      clients.add(response);
      response.on("close", () => {
        clients.delete(response);
        if (clients.size === 0) stopTimers();
      });
      startTimers();
    },
    /** Something changed here: tell the pages now instead of at the next poll. */
    notify: () => setImmediate(check).unref(),
    get listeners(): number {
      return clients.size;
    },
    /** Ends every stream (so a draining server is not held open by them) and refuses new ones. Idempotent. */
    close(): void {
      closed = true;
      stopTimers();
      for (const client of clients) client.end();
      clients.clear();
    },
  };

  function safeVersion(): string | undefined {
    try {
      return options.version();
    } catch (error) {
      options.onError(error);
      return undefined;
    }
  }
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
