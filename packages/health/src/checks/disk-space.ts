import { statfs } from "node:fs/promises";
import type { CheckOutcome, HealthCheck } from "../check-types.js";
import { roundTo } from "../durations.js";
import { requireNumber } from "./thresholds.js";

export interface DiskSpaceCheckOptions {
  /** A path on the file system to watch, e.g. the data directory. */
  path: string;
  /** Fails when fewer bytes than this are free for unprivileged users. */
  minFreeBytes?: number;
  /** Fails when the free share of the file system is below this ratio. Default 0.05 when neither is set. */
  minFreeRatio?: number;
}

/** Free space of the file system holding `path`, from fs.statfs. The observed value is the free bytes. */
export function diskSpaceCheck(options: DiskSpaceCheckOptions): HealthCheck {
  const path = options?.path;
  if (typeof path !== "string" || path === "") {
    throw new TypeError("@periscope/health: diskSpaceCheck needs a path, e.g. { path: '/var/lib/app' }");
  }
  const minFreeBytes =
    options.minFreeBytes === undefined
      ? undefined
      : requireNumber(options.minFreeBytes, "diskSpaceCheck minFreeBytes", 0);
  const minFreeRatio =
    options.minFreeRatio === undefined
      ? minFreeBytes === undefined
        ? 0.05
        : undefined
      : requireNumber(options.minFreeRatio, "diskSpaceCheck minFreeRatio", 0, 1);
  return {
    async run(): Promise<CheckOutcome> {
      const stats = await statfs(path);
      const freeBytes = stats.bavail * stats.bsize;
      const totalBytes = stats.blocks * stats.bsize;
      const freeRatio = totalBytes > 0 ? roundTo(freeBytes / totalBytes, 4) : 0;
      if (minFreeBytes !== undefined && freeBytes < minFreeBytes) {
        return { status: "fail", observedValue: freeBytes, message: `${freeBytes} bytes free, below ${minFreeBytes}` };
      }
      if (minFreeRatio !== undefined && freeRatio < minFreeRatio) {
        return {
          status: "fail",
          observedValue: freeBytes,
          message: `${freeRatio} of the disk free, below ${minFreeRatio}`,
        };
      }
      return { status: "pass", observedValue: freeBytes };
    },
  };
}
