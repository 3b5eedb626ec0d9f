// Peak resident set size of a process as the OS counts it (VmHWM in /proc/<pid>/status), on Linux.
import { readFileSync } from "node:fs";

/** Peak RSS of `pid` in bytes, or undefined where /proc is missing or the process is gone. */
export function peakRssBytes(pid) {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+)\s+kB$/m);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function formatMegabytes(bytes) {
  return bytes === undefined || !Number.isFinite(bytes) ? "n/a" : (bytes / 1024 / 1024).toFixed(0);
}
