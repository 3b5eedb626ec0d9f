import { fileURLToPath } from "node:url";
import type { CallFrame } from "./cpu-profile.js";

/** A call frame as people read it: a function name, a file path and a 1-based line (0 when unknown). */
export interface Frame {
  name: string;
  file: string;
  line: number;
}

export function describeFrame(callFrame: CallFrame): Frame {
  return {
    name: callFrame.functionName || "(anonymous)",
    file: filePath(callFrame.url),
    line: callFrame.lineNumber >= 0 ? callFrame.lineNumber + 1 : 0,
  };
}

function filePath(url: string): string {
  if (!url.startsWith("file://")) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

/** V8's pseudo-frames: samples taken while the thread waited for work are not CPU time. */
export const IDLE_FRAME = "(idle)";
export const ROOT_FRAME = "(root)";
