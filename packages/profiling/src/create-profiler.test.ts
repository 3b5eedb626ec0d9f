import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decodePprof, samplesIn } from "../test/pprof.js";
import { createProfiler, type Profiler } from "./create-profiler.js";
import { ProfileAbortedError, ProfilerBusyError } from "./errors.js";

const profilers: Profiler[] = [];
const directories: string[] = [];
afterEach(async () => {
  for (const profiler of profilers.splice(0)) await profiler.shutdown();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function track(profiler: Profiler): Profiler {
  profilers.push(profiler);
  return profiler;
}

function spinInProfilerTest(milliseconds: number): string {
  const until = performance.now() + milliseconds;
  let digest = "";
  while (performance.now() < until) digest = createHash("sha1").update(digest).digest("hex");
  return digest;
}

describe("createProfiler", () => {
  it("records a CPU profile of this thread, with the busy function in its pprof", async () => {
    const profiler = track(createProfiler());
    const pending = profiler.cpuProfile({ durationMs: 300, samplingIntervalMicros: 500 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    spinInProfilerTest(400);
    const result = await pending;
    expect(result.samplingIntervalMicros).toBe(500);
    expect(JSON.parse(result.toCpuprofile()).nodes.length).toBeGreaterThan(2);
    const profile = decodePprof(await result.toPprof());
    // Under CPU contention the sampler runs less often: presence with a few samples is what is stable.
    expect(samplesIn(profile, "spinInProfilerTest").cumulative).toBeGreaterThan(5);
    expect(result.toFlameGraphSvg()).toContain("<title>spinInProfilerTest");
  });

  it("runs one profile at a time and rejects a second with ProfilerBusyError", async () => {
    const profiler = track(createProfiler());
    const first = profiler.cpuProfile({ durationMs: 200 });
    expect(profiler.running).toBe("cpu");
    await expect(profiler.heapProfile({ durationMs: 100 })).rejects.toBeInstanceOf(ProfilerBusyError);
    await expect(profiler.cpuProfile({ durationMs: 100 })).rejects.toThrow(/already running/);
    await first;
    expect(profiler.running).toBeUndefined();
  });

  it("rejects bad durations and intervals with a RangeError naming the option", async () => {
    const profiler = track(createProfiler());
    await expect(profiler.cpuProfile({ durationMs: 60_001 })).rejects.toThrow(/durationMs .* at most 60000/);
    await expect(profiler.cpuProfile({ durationMs: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(profiler.cpuProfile({ durationMs: Number.NaN })).rejects.toBeInstanceOf(RangeError);
    await expect(profiler.cpuProfile({ samplingIntervalMicros: 1.5 })).rejects.toThrow(/samplingIntervalMicros/);
    expect(() => createProfiler({ heapSamplingIntervalBytes: -1 })).toThrow(/heapSamplingIntervalBytes/);
    expect(() => createProfiler({ heapSnapshots: { directory: "" } })).toThrow(/heapSnapshots.directory/);
    expect(profiler.running).toBeUndefined();
  });

  it("stops a profile in progress on shutdown, and refuses new ones after", async () => {
    const profiler = createProfiler();
    const running = profiler.cpuProfile({ durationMs: 30_000 });
    const started = performance.now();
    await profiler.shutdown();
    await expect(running).rejects.toBeInstanceOf(ProfileAbortedError);
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(profiler.cpuProfile({ durationMs: 100 })).rejects.toThrow(/shut down/);
    await profiler.shutdown();
  });

  it("stops a profile when its signal aborts", async () => {
    const profiler = track(createProfiler());
    const controller = new AbortController();
    const running = profiler.heapProfile({ durationMs: 30_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toThrow(ProfileAbortedError);
    expect(profiler.running).toBeUndefined();
  });

  it("samples live heap objects over a duration", async () => {
    const profiler = track(createProfiler({ heapSamplingIntervalBytes: 1024 }));
    const pending = profiler.heapProfile({ durationMs: 200 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const retained = Array.from({ length: 3000 }, (_, index) => ({ index, text: `${index}`.repeat(50) }));
    const result = await pending;
    const profile = decodePprof(await result.toPprof());
    expect(profile.sample.length).toBeGreaterThan(0);
    expect(Number(profile.period)).toBe(1024);
    expect(JSON.parse(result.toHeapprofile()).head.callFrame.functionName).toBe("(root)");
    expect(retained.length).toBe(3000);
  });

  it("writes heap snapshots only when enabled, as a DevTools .heapsnapshot file", async () => {
    const off = track(createProfiler());
    await expect(off.writeHeapSnapshot()).rejects.toThrow(/heapSnapshots: \{ directory \}/);

    const directory = mkdtempSync(join(tmpdir(), "profiling-snapshots-"));
    directories.push(directory);
    const profiler = track(createProfiler({ heapSnapshots: { directory: join(directory, "nested") } }));
    const path = await profiler.writeHeapSnapshot();
    expect(readdirSync(join(directory, "nested"))).toEqual([path.split("/").pop()]);
    expect(statSync(path).size).toBeGreaterThan(100_000);
    const snapshot = JSON.parse(readFileSync(path, "utf8")) as {
      snapshot: { meta: { node_fields: string[] }; node_count: number };
    };
    expect(snapshot.snapshot.meta.node_fields).toContain("name");
    expect(snapshot.snapshot.node_count).toBeGreaterThan(1000);
  });
});
