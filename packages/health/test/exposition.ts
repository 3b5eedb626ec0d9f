import { spawnSync } from "node:child_process";

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: string;
  exemplar?: { labels: Record<string, string>; value: string; timestamp?: string };
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*?)\})? (\S+)(?: # \{(.*?)\} (\S+)(?: (\S+))?)?$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses Prometheus text or OpenMetrics into samples (test helper; no comments, no metadata). */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`unparseable sample line: ${line}`);
    const [, name = "", labels, value = "", exemplarLabels, exemplarValue, exemplarTimestamp] = match;
    const sample: Sample = { name, labels: parseLabels(labels ?? ""), value };
    if (exemplarLabels !== undefined) {
      sample.exemplar = {
        labels: parseLabels(exemplarLabels),
        value: exemplarValue ?? "",
        timestamp: exemplarTimestamp,
      };
    }
    samples.push(sample);
  }
  return samples;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, name = "", value = ""] of text.matchAll(LABEL_PAIR)) {
    labels[name] = value.replace(/\\(.)/g, (_, escaped: string) => (escaped === "n" ? "\n" : escaped));
  }
  return labels;
}

/** One comparable string per sample: name, sorted labels, value. */
export function sampleKeys(samples: Sample[]): string[] {
  return samples
    .map((sample) => {
      const labels = Object.entries(sample.labels)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
        .join(",");
      return `${sample.name}{${labels}} ${sample.value}`;
    })
    .sort();
}

/** Runs `promtool check metrics` (Debian package `prometheus`) on Prometheus text. */
export function promtoolCheckMetrics(text: string): { status: number | null; output: string } {
  const result = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
  if (result.error) {
    throw new Error(
      `promtool is needed for this test and could not be run (${result.error.message}); ` +
        "install it with: apt-get install -y --no-install-recommends prometheus",
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}
