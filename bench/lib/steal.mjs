// Steal time: how long a core of this virtual machine was ready to run but the hypervisor ran another guest
// (the `steal` column of /proc/stat). On a shared host it comes in bursts, and a run measured during one reads
// slow for reasons that have nothing to do with the variant, so the harness measures it and repeats such runs.
import { readFileSync } from "node:fs";

/** The per-core counters of /proc/stat (in ticks), or undefined where there is no /proc/stat. */
function readCounters() {
  let text;
  try {
    text = readFileSync("/proc/stat", "utf8");
  } catch {
    return undefined;
  }
  const counters = new Map();
  for (const line of text.split("\n")) {
    if (!line.startsWith("cpu")) continue;
    // cpuN user nice system idle iowait irq softirq steal ...: guest time is already part of user.
    const [name, ...fields] = line.trim().split(/\s+/);
    const ticks = fields.slice(0, 8).map(Number);
    counters.set(name, { total: ticks.reduce((sum, value) => sum + value, 0), steal: ticks[7] ?? 0 });
  }
  return counters;
}

/**
 * Starts a window over `cores` (core numbers; undefined: the machine as a whole); its `stop()` returns the
 * largest share of time stolen from any of them meanwhile (0 to 1), or undefined where it cannot be read.
 */
export function startStealWindow(cores) {
  const names = cores === undefined ? ["cpu"] : cores.map((core) => `cpu${core}`);
  const before = readCounters();
  return {
    stop() {
      const after = readCounters();
      if (!before || !after) return undefined;
      let largest = 0;
      for (const name of names) {
        const start = before.get(name);
        const end = after.get(name);
        if (!start || !end) return undefined;
        const elapsed = end.total - start.total;
        if (elapsed > 0) largest = Math.max(largest, (end.steal - start.steal) / elapsed);
      }
      return largest;
    },
  };
}
