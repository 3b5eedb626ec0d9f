import type { CheckResult, HealthCheck } from "./check-types.js";
import { roundTo } from "./durations.js";
import { errorOutcome, type NormalizedOutcome, normalizeOutcome } from "./outcome.js";

export interface ScheduledCheckOptions {
  critical: boolean;
  timeoutMs: number;
  intervalMs: number;
}

/**
 * One registered check: runs it on an interval, bounds each run by its timeout and keeps the last
 * result. A run that is still pending (hung past its timeout, or slower than its interval) is never
 * joined by a second one: the tick is skipped and counted, so a hung dependency cannot pile up promises.
 */
export class ScheduledCheck {
  private current: CheckResult;
  private timer: NodeJS.Timeout | undefined;
  private pendingRun: Promise<void> | undefined;
  private unsettled = false;
  private timedOut = false;
  private controller: AbortController | undefined;
  private stopped = false;
  private skipped = 0;

  constructor(
    readonly name: string,
    private readonly check: HealthCheck,
    readonly options: ScheduledCheckOptions,
  ) {
    this.current = {
      status: "fail",
      latency_ms: 0,
      message: "not checked yet",
      last_checked: null,
      critical: options.critical,
    };
  }

  get result(): CheckResult {
    return this.current;
  }

  /** Runs skipped because the previous run had not settled. */
  get skippedRuns(): number {
    return this.skipped;
  }

  start(): void {
    this.check.start?.();
    void this.run();
    this.timer = setInterval(() => void this.run(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.controller?.abort(new Error("health checks stopped"));
    this.check.stop?.();
  }

  /** Starts a run unless one is pending; resolves once a result (or a timeout) is recorded. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.unsettled) {
      if (this.timedOut) {
        this.skipped += 1;
        this.current = {
          ...this.current,
          message: `${this.timeoutMessage()} (still pending; ${this.skipped} run${this.skipped === 1 ? "" : "s"} skipped)`,
        };
      }
      return this.pendingRun ?? Promise.resolve();
    }
    this.unsettled = true;
    this.timedOut = false;
    const controller = new AbortController();
    this.controller = controller;
    const started = performance.now();
    const attempt = Promise.resolve()
      .then(() => this.check.run({ signal: controller.signal, name: this.name }))
      .then(normalizeOutcome, errorOutcome);

    this.pendingRun = new Promise<void>((resolve) => {
      const timeout = setTimeout(() => {
        this.timedOut = true;
        controller.abort(new Error(this.timeoutMessage()));
        this.record({ status: "fail", message: this.timeoutMessage() }, this.options.timeoutMs);
        resolve();
      }, this.options.timeoutMs);
      timeout.unref();
      void attempt.then((outcome) => {
        this.unsettled = false;
        if (this.timedOut) return;
        clearTimeout(timeout);
        if (!this.stopped) this.record(outcome, performance.now() - started);
        resolve();
      });
    });
    return this.pendingRun;
  }

  private timeoutMessage(): string {
    return `timed out after ${this.options.timeoutMs} ms`;
  }

  private record(outcome: NormalizedOutcome, latencyMs: number): void {
    this.current = {
      ...outcome,
      latency_ms: roundTo(latencyMs, 3),
      last_checked: new Date().toISOString(),
      critical: this.options.critical,
    };
  }
}
