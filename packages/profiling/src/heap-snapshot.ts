import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { openSession } from "./inspector-session.js";

/**
 * Writes a full heap snapshot (Chrome DevTools `.heapsnapshot`) into `directory` and returns its path.
 * The snapshot pauses the thread while it is taken; chunks go straight to disk, not into memory.
 */
export async function writeHeapSnapshotFile(directory: string): Promise<string> {
  mkdirSync(directory, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const path = join(directory, `heap-${stamp}-${process.pid}.heapsnapshot`);
  const descriptor = openSync(path, "wx");
  const session = openSession();
  try {
    session.on("HeapProfiler.addHeapSnapshotChunk", (message) => {
      writeSync(descriptor, (message.params as { chunk: string }).chunk);
    });
    await session.post("HeapProfiler.enable");
    await session.post("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    return path;
  } finally {
    session.close();
    closeSync(descriptor);
  }
}
