// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package or file.
// Usage: node profile-summary.mjs <file.cpuprofile> [top functions, default 25] [URL pattern]
// With a URL pattern (a RegExp, e.g. "packages/metrics"), it also lists the total (inclusive) time
// of the functions from matching files, callees included.
import { readFileSync } from "node:fs";
import { formatNumber, formatTable } from "./lib/stats.mjs";

function packageOf(url) {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return "node core";
  const pnpm = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (pnpm) return pnpm[1];
  const workspace = url.match(/\/(packages|apps|bench)\/([^/]+)\//);
  if (workspace) return `${workspace[1]}/${workspace[2]}`;
  return url.replace(/^file:\/\//, "");
}

function shortLocation(url, line) {
  const file = url
    ? url.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace(/^file:\/\/\/work\/main\//, "")
    : "";
  return file ? `${file}:${line + 1}` : "";
}

/** Inclusive time of each function whose URL matches, counted once per stack (recursion safe). */
function inclusiveTimes(nodes, selfMicroseconds, pattern) {
  const byFunction = new Map();
  const visit = (node, open) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = pattern.test(url) ? `${functionName || "(anonymous)"} ${shortLocation(url, lineNumber)}` : undefined;
    const opened = key !== undefined && !open.has(key);
    if (opened) open.add(key);
    const own = selfMicroseconds.get(node.id) ?? 0;
    for (const openKey of open) byFunction.set(openKey, (byFunction.get(openKey) ?? 0) + own);
    for (const child of node.children ?? []) visit(nodes.get(child), open);
    if (opened) open.delete(key);
  };
  visit(nodes.get(1) ?? [...nodes.values()][0], new Set());
  return byFunction;
}

function main() {
  const [file, topArgument, urlPattern] = process.argv.slice(2);
  if (!file) throw new Error("usage: node profile-summary.mjs <file.cpuprofile> [top]");
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicroseconds = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index];
    selfMicroseconds.set(id, (selfMicroseconds.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const byFunction = new Map();
  const byPackage = new Map();
  let total = 0;
  for (const [id, microseconds] of selfMicroseconds) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const key = `${functionName || "(anonymous)"} ${shortLocation(url, lineNumber)}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + microseconds);
    const owner = packageOf(url);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + microseconds);
    total += microseconds;
  }
  const rows = (map, limit) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, microseconds]) => [
        name,
        formatNumber(microseconds / 1000, 1),
        formatNumber((microseconds / total) * 100, 1),
      ]);
  console.log(`${file}: ${formatNumber(total / 1000)} ms sampled\n`);
  console.log(`${formatTable(["package or file", "self ms", "%"], rows(byPackage, 15))}\n`);
  console.log(formatTable(["function", "self ms", "%"], rows(byFunction, Number(topArgument ?? 25))));
  if (urlPattern) {
    const inclusive = inclusiveTimes(nodes, selfMicroseconds, new RegExp(urlPattern));
    console.log(
      `\n${formatTable(["function (callees included)", "total ms", "%"], rows(inclusive, Number(topArgument ?? 25)))}`,
    );
  }
}

main();
