import { describe, expect, it } from "vitest";
import { HOSTILE_NAMES, hostileCpuProfile } from "../test/hostile-profile.js";
import { decodePprof, samplesIn, stringsOf } from "../test/pprof.js";
import { cpuProfileToPprof } from "./pprof-cpu.js";
import { encodePprof } from "./pprof-tables.js";

describe("cpuProfileToPprof", () => {
  it("writes Go's CPU sample types, period, duration and time", async () => {
    const profile = decodePprof(
      await encodePprof(
        cpuProfileToPprof(hostileCpuProfile(), { samplingIntervalMicros: 1000, timeNanos: 1_700_000_000_000_000_000n }),
      ),
    );
    expect(profile.sampleType.map((type) => stringsOf(profile, [type.type, type.unit]).join("/"))).toEqual([
      "samples/count",
      "cpu/nanoseconds",
    ]);
    expect(Number(profile.period)).toBe(1_000_000);
    expect(Number(profile.durationNanos)).toBe(2_000_000_000);
    expect(BigInt(profile.timeNanos)).toBe(1_700_000_000_000_000_000n);
  });

  it("attributes samples to stacks leaf first, with file names and 1-based lines, idle left out", async () => {
    const profile = decodePprof(
      await encodePprof(cpuProfileToPprof(hostileCpuProfile(), { samplingIntervalMicros: 1000, timeNanos: 0n })),
    );
    expect(samplesIn(profile, "main")).toEqual({ cumulative: 155, flat: 5 });
    expect(samplesIn(profile, HOSTILE_NAMES[0] ?? "")).toEqual({ cumulative: 10, flat: 10 });
    expect(samplesIn(profile, "(idle)").cumulative).toBe(0);
    const leafSample = profile.sample.find((sample) => Number(sample.value[0]) === 50);
    expect(leafSample?.locationId).toHaveLength(2);
    expect(Number(leafSample?.value[1])).toBe(50 * 1_000_000);
    const main = profile.function.find((fn) => stringsOf(profile, [fn.name])[0] === "main");
    expect(stringsOf(profile, [main?.filename ?? 0])).toEqual(['/srv/app/<evil>&"file".js']);
    expect(Number(main?.startLine)).toBe(10);
    const location = profile.location.find((loc) => Number(loc.line[0]?.functionId) === Number(main?.id));
    expect(Number(location?.line[0]?.line)).toBe(10);
  });
});
