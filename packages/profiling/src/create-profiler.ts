import { recordCpuProfile } from "./cpu-profile.js";
import {
  checkDurationMs,
  checkPositiveInteger,
  DEFAULT_HEAP_SAMPLING_INTERVAL_BYTES,
  DEFAULT_SAMPLING_INTERVAL_MICROS,
} from "./duration.js";
import { ProfileAbortedError, ProfilerBusyError } from "./errors.js";
import { type ContinuousHeapSampling, recordHeapProfile, startContinuousHeapSampling } from "./heap-profile.js";
import { writeHeapSnapshotFile } from "./heap-snapshot.js";
import {
  type CpuProfileResult,
  cpuProfileResult,
  type HeapProfileResult,
  heapProfileResult,
} from "./profile-results.js";
import { throwIfAborted, wait } from "./wait.js";

export type ProfileKind = "cpu" | "heap" | "heap_snapshot";

export interface ProfilerOptions {
  /** Default CPU sampling interval in microseconds. Default 1000 (1 ms). */
  samplingIntervalMicros?: number;
  /** Average bytes allocated between heap samples. Default 524288 (512 KiB), as @datadog/pprof. */
  heapSamplingIntervalBytes?: number;
  /**
   * Sample heap allocations from creation until shutdown, so that `heapProfile()` without a duration
   * answers at once with the live objects sampled so far, like Go's heap profile. Default false.
   */
  continuousHeapSampling?: boolean;
  /** Enables `writeHeapSnapshot()`, which writes full snapshots into `directory`. Off by default. */
  heapSnapshots?: { directory: string };
  /** Receives background failures (starting continuous heap sampling). Default: a process warning. */
  onError?: (error: unknown) => void;
}

export interface CpuProfileOptions {
  /** Default 10 000, at most 60 000. */
  durationMs?: number;
  samplingIntervalMicros?: number;
  /** Stops the profile early; the promise then rejects with ProfileAbortedError. */
  signal?: AbortSignal;
}

export interface HeapProfileOptions {
  /** Default 10 000, at most 60 000; with continuous sampling, omit it to answer at once. */
  durationMs?: number;
  signal?: AbortSignal;
}

export interface Profiler {
  cpuProfile(options?: CpuProfileOptions): Promise<CpuProfileResult>;
  heapProfile(options?: HeapProfileOptions): Promise<HeapProfileResult>;
  /** Writes a `.heapsnapshot` into `heapSnapshots.directory` and returns its path. */
  writeHeapSnapshot(): Promise<string>;
  /** The kind of profile running now, if any. */
  readonly running: ProfileKind | undefined;
  /** Stops a profile in progress and continuous heap sampling. Safe to call twice. */
  shutdown(): Promise<void>;
}

/** Profiles this thread through node:inspector. Nothing starts until a method is called. */
export function createProfiler(options: ProfilerOptions = {}): Profiler {
  const samplingIntervalMicros = checkPositiveInteger(
    options.samplingIntervalMicros,
    DEFAULT_SAMPLING_INTERVAL_MICROS,
    "samplingIntervalMicros",
  );
  const heapInterval = checkPositiveInteger(
    options.heapSamplingIntervalBytes,
    DEFAULT_HEAP_SAMPLING_INTERVAL_BYTES,
    "heapSamplingIntervalBytes",
  );
  const snapshotDirectory = checkSnapshotDirectory(options.heapSnapshots);
  const onError = options.onError ?? warn;
  const closing = new AbortController();
  let running: { kind: ProfileKind; done: Promise<unknown> } | undefined;
  let shutdownPromise: Promise<void> | undefined;

  const continuous: Promise<ContinuousHeapSampling | undefined> | undefined = options.continuousHeapSampling
    ? startContinuousHeapSampling(heapInterval).catch((error: unknown) => {
        onError(error);
        return undefined;
      })
    : undefined;

  /** Runs one profile at a time; rejects at once when another runs or the profiler is shut down. */
  function exclusive<T>(kind: ProfileKind, work: () => Promise<T>): Promise<T> {
    if (closing.signal.aborted) return Promise.reject(new ProfileAbortedError("the profiler was shut down"));
    if (running) return Promise.reject(new ProfilerBusyError(running.kind));
    const done = work();
    const entry = { kind, done };
    running = entry;
    const release = () => {
      if (running === entry) running = undefined;
    };
    done.then(release, release);
    return done;
  }

  return {
    get running() {
      return running?.kind;
    },

    async cpuProfile(profileOptions = {}) {
      const durationMs = checkDurationMs(profileOptions.durationMs);
      const interval = checkPositiveInteger(
        profileOptions.samplingIntervalMicros,
        samplingIntervalMicros,
        "samplingIntervalMicros",
      );
      return exclusive("cpu", async () => {
        const signals = [closing.signal, profileOptions.signal];
        throwIfAborted(signals);
        const startedAt = new Date();
        const profile = await recordCpuProfile({ durationMs, samplingIntervalMicros: interval, signals });
        return cpuProfileResult(profile, startedAt, durationMs, interval);
      });
    },

    async heapProfile(profileOptions = {}) {
      const sampling = await continuous;
      if (sampling && profileOptions.durationMs === undefined) {
        if (closing.signal.aborted) throw new ProfileAbortedError("the profiler was shut down");
        return heapProfileResult(await sampling.read(), new Date(), heapInterval);
      }
      const durationMs = checkDurationMs(profileOptions.durationMs);
      return exclusive("heap", async () => {
        const signals = [closing.signal, profileOptions.signal];
        throwIfAborted(signals);
        const startedAt = new Date();
        if (sampling) {
          await wait(durationMs, signals);
          return heapProfileResult(await sampling.read(), startedAt, heapInterval);
        }
        const profile = await recordHeapProfile({ durationMs, samplingIntervalBytes: heapInterval, signals });
        return heapProfileResult(profile, startedAt, heapInterval, durationMs);
      });
    },

    async writeHeapSnapshot() {
      if (snapshotDirectory === undefined) {
        throw new Error(
          "@periscope/profiling: heap snapshots are off; pass heapSnapshots: { directory } to createProfiler() to enable them",
        );
      }
      return exclusive("heap_snapshot", () => writeHeapSnapshotFile(snapshotDirectory));
    },

    shutdown() {
      shutdownPromise ??= (async () => {
        closing.abort("the profiler was shut down");
        await running?.done.catch(() => undefined);
        await (await continuous)?.stop();
      })();
      return shutdownPromise;
    },
  };
}

function checkSnapshotDirectory(heapSnapshots: ProfilerOptions["heapSnapshots"]): string | undefined {
  if (heapSnapshots === undefined) return undefined;
  const directory = heapSnapshots?.directory;
  if (typeof directory !== "string" || directory.trim() === "") {
    throw new TypeError("@periscope/profiling: heapSnapshots.directory must be a non-empty path");
  }
  return directory;
}

function warn(error: unknown): void {
  process.emitWarning(
    `@periscope/profiling: ${error instanceof Error ? error.message : String(error)}`,
    "PeriscopeWarning",
  );
}
