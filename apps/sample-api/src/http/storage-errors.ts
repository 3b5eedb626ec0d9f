import type { Logger } from "@periscope/logging";
import type express from "express";

// SQLite result codes meaning "the storage cannot take this write now" (a full disk, a file-size limit, a
// read-only or vanished file), as opposed to a bug: the client gets 503 with the reason and may retry.
const STORAGE_CODES = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN)/;

/** True for a better-sqlite3 error whose code says the storage, not the request, is at fault. */
export function isStorageError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && STORAGE_CODES.test(code);
}

/** Answers storage failures 503 with a reason (the transaction was rolled back, nothing half-written). */
export function storageErrorHandler(logger: Logger): express.ErrorRequestHandler {
  return (error, _request, response, next) => {
    if (!isStorageError(error) || response.headersSent) return next(error);
    logger.error("storage unavailable: write refused", { err: error, code: error.code });
    response
      .status(503)
      .set("retry-after", "30")
      .json({ error: `storage unavailable, nothing was written (${error.code}: ${error.message})` });
  };
}
