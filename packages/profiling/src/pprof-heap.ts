import { Profile, Sample, ValueType } from "pprof-format";
import { ROOT_FRAME } from "./frame.js";
import type { HeapProfile, HeapProfileNode } from "./heap-profile.js";
import { PprofTables } from "./pprof-tables.js";

export interface HeapPprofOptions {
  samplingIntervalBytes: number;
  timeNanos: bigint;
  durationNanos?: number;
}

/**
 * Converts a sampling heap profile to pprof with the sample types of @datadog/pprof and the
 * Pyroscope Node.js SDK (`objects/count`, `space/bytes`): live objects sampled, scaled by V8's
 * sampling probability, grouped by allocating stack and object size.
 */
export function heapProfileToPprof(profile: HeapProfile, options: HeapPprofOptions): Profile {
  const tables = new PprofTables();
  const objectsType = new ValueType(tables.valueType("objects", "count"));
  const spaceType = new ValueType(tables.valueType("space", "bytes"));
  const sizesByNode = groupSampleSizes(profile);
  const samples: Sample[] = [];

  const pending: { node: HeapProfileNode; stack: number[] }[] = [{ node: profile.head, stack: [] }];
  while (pending.length > 0) {
    const { node, stack: parentStack } = pending.pop() as { node: HeapProfileNode; stack: number[] };
    const isRoot = node.callFrame.functionName === ROOT_FRAME;
    const stack = isRoot ? parentStack : [...parentStack, tables.locationOf(node.callFrame)];
    const sizes = sizesByNode.get(node.id);
    if (sizes && stack.length > 0) {
      const locationId = [...stack].reverse();
      for (const [size, count] of sizes) {
        const objects = count * scale(size, options.samplingIntervalBytes);
        samples.push(new Sample({ locationId, value: [Math.round(objects), Math.round(objects * size)] }));
      }
    }
    for (const child of node.children) pending.push({ node: child, stack });
  }

  return new Profile({
    sampleType: [objectsType, spaceType],
    sample: samples,
    location: tables.locations,
    function: tables.functions,
    stringTable: tables.stringTable,
    timeNanos: options.timeNanos,
    durationNanos: options.durationNanos ?? 0,
    periodType: spaceType,
    period: options.samplingIntervalBytes,
    defaultSampleType: spaceType.type,
  });
}

/** node id -> (object size -> sampled objects of that size) */
function groupSampleSizes(profile: HeapProfile): Map<number, Map<number, number>> {
  const byNode = new Map<number, Map<number, number>>();
  for (const sample of profile.samples ?? []) {
    let sizes = byNode.get(sample.nodeId);
    if (!sizes) {
      sizes = new Map();
      byNode.set(sample.nodeId, sizes);
    }
    sizes.set(sample.size, (sizes.get(sample.size) ?? 0) + 1);
  }
  return byNode;
}

/** V8 samples an object of `size` bytes with probability 1 - exp(-size / interval); undo that. */
function scale(size: number, intervalBytes: number): number {
  const probability = 1 - Math.exp(-size / intervalBytes);
  return probability > 0 ? 1 / probability : 1;
}
