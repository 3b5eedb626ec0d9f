import { describe, expect, it } from "vitest";
import { isStorageError } from "./storage-errors.js";

const sqliteError = (code: string) => Object.assign(new Error("disk I/O error"), { code });

describe("isStorageError", () => {
  it("takes a full disk, a failed write, a read-only or unopenable file for a storage failure", () => {
    for (const code of ["SQLITE_FULL", "SQLITE_IOERR_WRITE", "SQLITE_READONLY", "SQLITE_CANTOPEN"]) {
      expect(isStorageError(sqliteError(code)), code).toBe(true);
    }
  });

  it("leaves constraint violations, simulated faults and non-errors to the other handlers", () => {
    expect(isStorageError(sqliteError("SQLITE_CONSTRAINT_UNIQUE"))).toBe(false);
    expect(isStorageError(sqliteError("SIMULATED_FAULT"))).toBe(false);
    expect(isStorageError({ code: "SQLITE_FULL" })).toBe(false);
    expect(isStorageError(undefined)).toBe(false);
  });
});
