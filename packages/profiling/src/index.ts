export type { CallFrame, CpuProfile, CpuProfileNode } from "./cpu-profile.js";
export type {
  CpuProfileOptions,
  HeapProfileOptions,
  ProfileKind,
  Profiler,
  ProfilerOptions,
} from "./create-profiler.js";
export { createProfiler } from "./create-profiler.js";
export {
  DEFAULT_DURATION_MS,
  DEFAULT_HEAP_SAMPLING_INTERVAL_BYTES,
  DEFAULT_SAMPLING_INTERVAL_MICROS,
  MAX_DURATION_MS,
} from "./duration.js";
export { ProfileAbortedError, ProfilerBusyError } from "./errors.js";
export type { FlameGraphOptions } from "./flame-graph.js";
export { renderFlameGraph } from "./flame-graph.js";
export type { FrameTree } from "./frame-tree.js";
export { cpuFrameTree, heapFrameTree } from "./frame-tree.js";
export type { HeapProfile, HeapProfileNode } from "./heap-profile.js";
export type { CpuPprofOptions } from "./pprof-cpu.js";
export { cpuProfileToPprof } from "./pprof-cpu.js";
export type { HeapPprofOptions } from "./pprof-heap.js";
export { heapProfileToPprof } from "./pprof-heap.js";
export { encodePprof } from "./pprof-tables.js";
export type { CpuProfileResult, HeapProfileResult } from "./profile-results.js";
