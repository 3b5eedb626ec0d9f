// Preloaded into a benchmark server by gc.mjs (`--import`): counts the garbage collections of the main
// thread between a "gc-start" and a "gc-stop" message, and reports them with the old generation's size.
import { constants, PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";

let window;

function count(entries) {
  if (window === undefined) return;
  for (const entry of entries) {
    const kind = entry.detail?.kind ?? entry.kind;
    const bucket = kind === constants.NODE_PERFORMANCE_GC_MINOR ? window.minor : window.major;
    bucket.count += 1;
    bucket.milliseconds += entry.duration;
  }
}

const observer = new PerformanceObserver((list) => count(list.getEntries()));
observer.observe({ entryTypes: ["gc"] });

process.on("message", (message) => {
  if (message.type === "gc-start") {
    window = { minor: { count: 0, milliseconds: 0 }, major: { count: 0, milliseconds: 0 } };
    process.send({ type: "gc-started" });
  } else if (message.type === "gc-stop") {
    count(observer.takeRecords());
    const oldSpace = getHeapSpaceStatistics().find((space) => space.space_name === "old_space");
    process.send({ type: "gc", ...window, oldSpaceBytes: oldSpace?.space_used_size ?? 0 });
    window = undefined;
  }
});
