import type { CallFrame } from "./cpu-profile.js";
import { type InspectorSession, openSession } from "./inspector-session.js";
import { wait } from "./wait.js";

export interface HeapProfileNode {
  id: number;
  callFrame: CallFrame;
  /** Bytes of the sampled allocations made at this node that are still alive, scaled by V8. */
  selfSize: number;
  children: HeapProfileNode[];
}

/** The `.heapprofile` JSON of Chrome DevTools (the inspector's HeapProfiler.SamplingHeapProfile). */
export interface HeapProfile {
  head: HeapProfileNode;
  /** One entry per sampled allocation still alive: its size and the node that allocated it. */
  samples?: { size: number; nodeId: number; ordinal: number }[];
}

export interface RecordHeapOptions {
  durationMs: number;
  samplingIntervalBytes: number;
  signals: readonly (AbortSignal | undefined)[];
}

/** Samples allocations for `durationMs`; reports those still alive at the end. */
export async function recordHeapProfile(options: RecordHeapOptions): Promise<HeapProfile> {
  const session = openSession();
  try {
    await session.post("HeapProfiler.enable");
    await session.post("HeapProfiler.startSampling", { samplingInterval: options.samplingIntervalBytes });
    try {
      await wait(options.durationMs, options.signals);
    } catch (error) {
      await session.post("HeapProfiler.stopSampling").catch(() => undefined);
      throw error;
    }
    const { profile } = await session.post<{ profile: HeapProfile }>("HeapProfiler.stopSampling");
    return profile;
  } finally {
    session.close();
  }
}

/** Sampling that runs from start() to stop(), read at any time, like Go's always-on heap profile. */
export interface ContinuousHeapSampling {
  read(): Promise<HeapProfile>;
  stop(): Promise<void>;
}

export async function startContinuousHeapSampling(samplingIntervalBytes: number): Promise<ContinuousHeapSampling> {
  const session: InspectorSession = openSession();
  try {
    await session.post("HeapProfiler.enable");
    await session.post("HeapProfiler.startSampling", { samplingInterval: samplingIntervalBytes });
  } catch (error) {
    session.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    async read() {
      const { profile } = await session.post<{ profile: HeapProfile }>("HeapProfiler.getSamplingProfile");
      return profile;
    },
    stop() {
      stopped ??= session
        .post("HeapProfiler.stopSampling")
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => session.close());
      return stopped;
    },
  };
}
