import { Profile, Sample, ValueType } from "pprof-format";
import type { CpuProfile, CpuProfileNode } from "./cpu-profile.js";
import { IDLE_FRAME, ROOT_FRAME } from "./frame.js";
import { PprofTables } from "./pprof-tables.js";

export interface CpuPprofOptions {
  /** The interval asked of V8, used when the profile has too few samples to measure the real one. */
  samplingIntervalMicros: number;
  /** Wall-clock start of the profile, in nanoseconds since the epoch. */
  timeNanos: bigint;
}

/**
 * Converts a `.cpuprofile` to pprof with Go's CPU sample types (`samples/count`, `cpu/nanoseconds`).
 * Idle samples are left out, as Go's CPU profiles leave out idle time.
 */
export function cpuProfileToPprof(profile: CpuProfile, options: CpuPprofOptions): Profile {
  const tables = new PprofTables();
  const countType = new ValueType(tables.valueType("samples", "count"));
  const cpuType = new ValueType(tables.valueType("cpu", "nanoseconds"));
  const durationNanos = Math.max(0, Math.round((profile.endTime - profile.startTime) * 1000));
  const intervalNanos = measuredIntervalNanos(profile, durationNanos) ?? options.samplingIntervalMicros * 1000;

  const byId = new Map<number, CpuProfileNode>(profile.nodes.map((node) => [node.id, node]));
  const samples: Sample[] = [];
  const root = profile.nodes[0];
  // Iterative walk: each entry carries the stack of location ids from the root, leaf last.
  const pending: { node: CpuProfileNode; stack: number[] }[] = root ? [{ node: root, stack: [] }] : [];
  while (pending.length > 0) {
    const { node, stack: parentStack } = pending.pop() as { node: CpuProfileNode; stack: number[] };
    const name = node.callFrame.functionName;
    if (name === IDLE_FRAME) continue;
    const stack = name === ROOT_FRAME ? parentStack : [...parentStack, tables.locationOf(node.callFrame)];
    const hits = node.hitCount ?? 0;
    if (hits > 0 && stack.length > 0) {
      samples.push(new Sample({ locationId: [...stack].reverse(), value: [hits, hits * intervalNanos] }));
    }
    for (const childId of node.children ?? []) {
      const child = byId.get(childId);
      if (child) pending.push({ node: child, stack });
    }
  }

  return new Profile({
    sampleType: [countType, cpuType],
    sample: samples,
    location: tables.locations,
    function: tables.functions,
    stringTable: tables.stringTable,
    timeNanos: options.timeNanos,
    durationNanos,
    periodType: cpuType,
    period: intervalNanos,
  });
}

/** V8 rarely samples at exactly the interval asked for; the average gap between samples is closer. */
function measuredIntervalNanos(profile: CpuProfile, durationNanos: number): number | undefined {
  const count = profile.samples?.length ?? 0;
  return count >= 10 && durationNanos > 0 ? Math.round(durationNanos / count) : undefined;
}
