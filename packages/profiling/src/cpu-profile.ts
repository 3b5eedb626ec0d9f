import { openSession } from "./inspector-session.js";
import { wait } from "./wait.js";

/** A V8 call frame as the inspector reports it (0-based line and column, -1 when unknown). */
export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

/** The `.cpuprofile` JSON of Chrome DevTools (the inspector's Profiler.Profile). */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  /** Microseconds, on a monotonic clock. */
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface RecordCpuOptions {
  durationMs: number;
  samplingIntervalMicros: number;
  signals: readonly (AbortSignal | undefined)[];
}

/** Samples this thread's CPU for `durationMs` on a session of its own, closed whatever happens. */
export async function recordCpuProfile(options: RecordCpuOptions): Promise<CpuProfile> {
  const session = openSession();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: options.samplingIntervalMicros });
    await session.post("Profiler.start");
    try {
      await wait(options.durationMs, options.signals);
    } catch (error) {
      await session.post("Profiler.stop").catch(() => undefined);
      throw error;
    }
    const { profile } = await session.post<{ profile: CpuProfile }>("Profiler.stop");
    return profile;
  } finally {
    session.close();
  }
}
