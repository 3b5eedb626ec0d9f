import { getHeapStatistics } from "node:v8";
import type { CheckOutcome, HealthCheck } from "../check-types.js";
import { roundTo } from "../durations.js";
import { requireNumber, statusAbove } from "./thresholds.js";

export interface HeapCheckOptions {
  /** Fails when used heap / heap_size_limit exceeds this ratio. Default 0.9. */
  maxRatio?: number;
  /** Warns above this ratio. Default: no warning level. */
  warnRatio?: number;
}

/** V8 heap use as a ratio of the heap size limit (`--max-old-space-size`). */
export function heapCheck(options: HeapCheckOptions = {}): HealthCheck {
  const maxRatio = requireNumber(options.maxRatio ?? 0.9, "heapCheck maxRatio", 0, 1);
  const warnRatio =
    options.warnRatio === undefined ? undefined : requireNumber(options.warnRatio, "heapCheck warnRatio", 0, 1);
  return {
    run(): CheckOutcome {
      const heap = getHeapStatistics();
      const ratio = roundTo(heap.used_heap_size / heap.heap_size_limit, 4);
      const status = statusAbove(ratio, maxRatio, warnRatio);
      if (status === "pass") return { status, observedValue: ratio };
      const limit = status === "fail" ? maxRatio : warnRatio;
      return { status, observedValue: ratio, message: `heap use ${ratio} of the limit is above ${limit}` };
    },
  };
}
