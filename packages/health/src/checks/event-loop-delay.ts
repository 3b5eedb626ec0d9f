import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import type { CheckOutcome, HealthCheck } from "../check-types.js";
import { roundTo } from "../durations.js";
import { requireNumber, statusAbove } from "./thresholds.js";

export interface EventLoopDelayCheckOptions {
  /** Fails when the delay percentile since the last run exceeds this. Default 500 ms. */
  maxDelayMs?: number;
  /** Warns (degraded, still ready) above this. Default: no warning level. */
  warnDelayMs?: number;
  /** Which percentile of the delays to judge. Default 99. */
  percentile?: number;
  /** Sampling resolution of the monitor. Default 20 ms. */
  resolutionMs?: number;
}

/** Event-loop delay from perf_hooks.monitorEventLoopDelay, judged per interval (the histogram resets each run). */
export function eventLoopDelayCheck(options: EventLoopDelayCheckOptions = {}): HealthCheck {
  const maxDelayMs = requireNumber(options.maxDelayMs ?? 500, "eventLoopDelayCheck maxDelayMs", 0);
  const warnDelayMs =
    options.warnDelayMs === undefined
      ? undefined
      : requireNumber(options.warnDelayMs, "eventLoopDelayCheck warnDelayMs", 0);
  const percentile = requireNumber(options.percentile ?? 99, "eventLoopDelayCheck percentile", 1, 100);
  const resolution = Math.round(requireNumber(options.resolutionMs ?? 20, "eventLoopDelayCheck resolutionMs", 1));
  let histogram: IntervalHistogram | undefined;

  const start = () => {
    histogram ??= monitorEventLoopDelay({ resolution });
    histogram.enable();
  };

  return {
    start,
    stop() {
      histogram?.disable();
    },
    run(): CheckOutcome {
      if (!histogram) start();
      const monitor = histogram as IntervalHistogram;
      if (monitor.count === 0) return { status: "pass", message: "no samples yet", observedValue: 0 };
      const delayMs = roundTo(monitor.percentile(percentile) / 1e6, 3);
      monitor.reset();
      const status = statusAbove(delayMs, maxDelayMs, warnDelayMs);
      const limit = status === "fail" ? maxDelayMs : warnDelayMs;
      return status === "pass"
        ? { status, observedValue: delayMs }
        : {
            status,
            observedValue: delayMs,
            message: `event loop delay p${percentile} ${delayMs} ms is above ${limit} ms`,
          };
    },
  };
}
