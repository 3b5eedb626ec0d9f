// SQLite result codes meaning "the storage cannot take this write now" (a full disk, a file-size limit, a
// read-only or vanished file), as opposed to a bug in the request or the worker.
const STORAGE_CODES = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN)/;

/** True for a better-sqlite3 error whose code says the storage, not the request, is at fault. */
export function isStorageError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && STORAGE_CODES.test(code);
}
