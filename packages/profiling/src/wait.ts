import { ProfileAbortedError } from "./errors.js";

/** Waits `ms` (unref'd timer); rejects with ProfileAbortedError as soon as any signal aborts. */
export function wait(ms: number, signals: readonly (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const active = signals.filter((signal): signal is AbortSignal => signal !== undefined);
    const cleanup = () => {
      clearTimeout(timer);
      for (const signal of active) signal.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      cleanup();
      reject(new ProfileAbortedError(abortReason(active)));
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve();
    }, ms);
    timer.unref();
    for (const signal of active) signal.addEventListener("abort", onAbort, { once: true });
    if (active.some((signal) => signal.aborted)) onAbort();
  });
}

export function throwIfAborted(signals: readonly (AbortSignal | undefined)[]): void {
  const active = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (active.some((signal) => signal.aborted)) throw new ProfileAbortedError(abortReason(active));
}

function abortReason(signals: readonly AbortSignal[]): string {
  const reason: unknown = signals.find((signal) => signal.aborted)?.reason;
  if (typeof reason === "string") return reason;
  if (reason instanceof Error && reason.name !== "AbortError") return reason.message;
  return "aborted";
}
