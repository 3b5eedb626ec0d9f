import type { CpuProfile } from "./cpu-profile.js";
import { type FlameGraphOptions, renderFlameGraph } from "./flame-graph.js";
import { cpuFrameTree, heapFrameTree } from "./frame-tree.js";
import type { HeapProfile } from "./heap-profile.js";
import { cpuProfileToPprof } from "./pprof-cpu.js";
import { heapProfileToPprof } from "./pprof-heap.js";
import { encodePprof } from "./pprof-tables.js";

/** A finished CPU profile, convertible to each format. */
export interface CpuProfileResult {
  /** The inspector's profile: save `toCpuprofile()` as `name.cpuprofile` for DevTools or speedscope. */
  readonly profile: CpuProfile;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly samplingIntervalMicros: number;
  toCpuprofile(): string;
  /** Gzipped pprof protobuf (`profile.pb.gz`). */
  toPprof(): Promise<Buffer>;
  toFlameGraphSvg(options?: FlameGraphOptions): string;
}

/** A finished sampling heap profile (live objects), convertible to each format. */
export interface HeapProfileResult {
  /** The inspector's profile: save `toHeapprofile()` as `name.heapprofile` for DevTools. */
  readonly profile: HeapProfile;
  readonly startedAt: Date;
  readonly samplingIntervalBytes: number;
  toHeapprofile(): string;
  toPprof(): Promise<Buffer>;
  toFlameGraphSvg(options?: FlameGraphOptions): string;
}

export function cpuProfileResult(
  profile: CpuProfile,
  startedAt: Date,
  durationMs: number,
  samplingIntervalMicros: number,
): CpuProfileResult {
  return {
    profile,
    startedAt,
    durationMs,
    samplingIntervalMicros,
    toCpuprofile: () => JSON.stringify(profile),
    toPprof: () =>
      encodePprof(
        cpuProfileToPprof(profile, { samplingIntervalMicros, timeNanos: BigInt(startedAt.getTime()) * 1_000_000n }),
      ),
    toFlameGraphSvg: (options) =>
      renderFlameGraph(cpuFrameTree(profile), { title: `CPU ${startedAt.toISOString()}`, unit: "samples", ...options }),
  };
}

export function heapProfileResult(
  profile: HeapProfile,
  startedAt: Date,
  samplingIntervalBytes: number,
  durationMs?: number,
): HeapProfileResult {
  return {
    profile,
    startedAt,
    samplingIntervalBytes,
    toHeapprofile: () => JSON.stringify(profile),
    toPprof: () =>
      encodePprof(
        heapProfileToPprof(profile, {
          samplingIntervalBytes,
          timeNanos: BigInt(startedAt.getTime()) * 1_000_000n,
          durationNanos: durationMs === undefined ? undefined : durationMs * 1_000_000,
        }),
      ),
    toFlameGraphSvg: (options) =>
      renderFlameGraph(heapFrameTree(profile), {
        title: `Heap (live objects) ${startedAt.toISOString()}`,
        unit: "bytes",
        ...options,
      }),
  };
}
