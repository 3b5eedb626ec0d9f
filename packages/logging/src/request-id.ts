import { randomUUID } from "node:crypto";

/** 1 to 128 letters, digits, `.`, `_` or `-`: anything else could forge log lines or blow up indexes. */
const WELL_FORMED = /^[A-Za-z0-9._-]{1,128}$/;

export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === "string" && WELL_FORMED.test(value);
}

/** The incoming id when well formed (one header, valid characters), else a new UUID. */
export function acceptOrCreateRequestId(
  incoming: string | string[] | undefined,
  create: () => string = randomUUID,
): string {
  return isWellFormedRequestId(incoming) ? incoming : create();
}
