import type winston from "winston";

const POLL_MS = 5;

/**
 * Flushes and ends a winston logger without "write after end": winston's own `end()` ends the
 * transports while records may still sit in the logger's buffers (backpressure from a slow file),
 * and those records then hit ended transports. So this first waits until both of the logger's
 * buffers are empty, and only then ends it; `end()` waits for every transport's 'finish' (the
 * package's file transport emits it once every queued line is in a file, across a rotation too).
 * Resolves `false` if the deadline came first.
 */
export async function endLogger(logger: winston.Logger, timeoutMs: number): Promise<boolean> {
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    deadline = setTimeout(() => resolve(false), timeoutMs);
    deadline.unref();
  });
  const ended = (async () => {
    await buffersEmpty(logger, Date.now() + timeoutMs);
    // winston's streams are readable-stream 3, which has no `writableFinished`.
    const state = (logger as unknown as { _writableState?: { ended?: boolean; finished?: boolean } })._writableState;
    if (state?.finished) return true;
    await new Promise<void>((resolve) => {
      logger.once("finish", resolve);
      if (!state?.ended) logger.end();
    });
    return true;
  })();
  try {
    return await Promise.race([ended, timedOut]);
  } finally {
    clearTimeout(deadline);
  }
}

async function buffersEmpty(logger: winston.Logger, until: number): Promise<void> {
  while ((logger.writableLength > 0 || logger.readableLength > 0) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
