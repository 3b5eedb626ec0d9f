// Self instructions per function from a callgrind file, with V8's JIT-compiled code named: callgrind sees
// JavaScript as bare addresses, which the perf map that `node --perf-basic-prof` writes
// (/tmp/perf-<pid>.map: start, size, name per compiled function) turns back into function names.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Code ranges of a perf map's text, by address; of two at the same address, the one written later wins. */
export function parsePerfMap(text) {
  const ranges = [];
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]+) ([0-9a-f]+) (.+)$/.exec(line);
    if (match)
      ranges.push({ start: Number.parseInt(match[1], 16), size: Number.parseInt(match[2], 16), name: match[3] });
  }
  return ranges.sort((a, b) => a.start - b.start);
}

function nameAt(ranges, address) {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (ranges[middle].start <= address) low = middle + 1;
    else high = middle - 1;
  }
  // Code is freed and its space reused: look back a little for the range that holds the address.
  for (let index = high; index >= 0 && index > high - 50; index--) {
    const range = ranges[index];
    if (range.start <= address && address < range.start + range.size) return range.name;
  }
  return undefined;
}

/**
 * Map of function name to self instructions per request. V8's tier markers (`*` TurboFan, `^` Sparkplug,
 * `~` Ignition, `+` Maglev) are dropped, so one function's tiers add up; unnamed JIT code is "JS (unnamed)".
 */
export function selfInstructionsByFunction(callgrindFile, perfMapFile, requests) {
  const annotated = execFileSync("callgrind_annotate", ["--inclusive=no", "--threshold=100", callgrindFile], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return selfInstructionsFromAnnotation(annotated, parsePerfMap(readFileSync(perfMapFile, "utf8")), requests);
}

/** The same from `callgrind_annotate --inclusive=no` output and parsed perf map ranges. */
export function selfInstructionsFromAnnotation(annotated, ranges, requests) {
  const totals = new Map();
  for (const line of annotated.split("\n")) {
    const match = /^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*)$/.exec(line);
    if (!match || match[2].includes("PROGRAM TOTALS")) continue;
    const instructions = Number(match[1].replaceAll(",", ""));
    const jit = /\?\?\?:0x([0-9a-f]+)/.exec(match[2]);
    const name = jit
      ? (nameAt(ranges, Number.parseInt(jit[1], 16)) ?? "JS (unnamed)").replace(
          /^(JS|Function|LazyCompile):[*^~+]?/,
          "JS ",
        )
      : match[2].replace(/^\?\?\?:/, "").replace(/\s*\[[^\]]*\]$/, "");
    totals.set(name, (totals.get(name) ?? 0) + instructions / requests);
  }
  return totals;
}
