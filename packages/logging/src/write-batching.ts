/**
 * Lines logged within this many milliseconds share one write: a busy server answers a request or two
 * per turn of the event loop, so writing once per turn still meant about one write per record.
 */
export const FLUSH_AFTER_MS = 5;
/** Lines are written at once when this much is waiting. */
export const FLUSH_AT_BYTES = 64 * 1024;

/** A writer holding lines for a later write; `flushForExit` must write them synchronously. */
export interface BatchingWriter {
  flushForExit(): void;
}

const waiting = new Set<BatchingWriter>();
let exitHookInstalled = false;

/** Until `writtenOnExit(writer, false)`, the writer's lines are written on `process.exit` if still held. */
export function writtenOnExit(writer: BatchingWriter, held: boolean): void {
  if (!held) {
    waiting.delete(writer);
    return;
  }
  waiting.add(writer);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const each of waiting) each.flushForExit();
  });
}
