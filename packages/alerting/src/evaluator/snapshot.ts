export type Labels = Record<string, string>;

export interface Sample {
  labels: Labels;
  value: number;
}

/** What the registry reported at one instant: samples by sample name (`x_bucket`, `x_count`, `y_total`). */
export interface Snapshot {
  at: number;
  /** False when the registry failed to collect: the in-process `up == 0`. */
  up: boolean;
  samples: Map<string, Sample[]>;
}

/** The part of a prom-client Registry the evaluator reads. */
export interface RegistryLike {
  getMetricsAsJSON(): Promise<
    ReadonlyArray<{
      name: string;
      values: ReadonlyArray<{
        value: number;
        labels: Readonly<Record<string, string | number | undefined>>;
        metricName?: string;
      }>;
    }>
  >;
}

function normalize(labels: Readonly<Record<string, string | number | undefined>>): Labels {
  const out: Labels = {};
  for (const [name, value] of Object.entries(labels)) if (value !== undefined) out[name] = String(value);
  return out;
}

/** Samples of the wanted sample names only, so the buffer holds what rules read and nothing else. */
export async function takeSnapshot(registry: RegistryLike, wanted: ReadonlySet<string>, at: number): Promise<Snapshot> {
  const samples = new Map<string, Sample[]>();
  const metrics = await registry.getMetricsAsJSON();
  for (const metric of metrics) {
    for (const entry of metric.values) {
      const name = entry.metricName ?? metric.name;
      if (!wanted.has(name) || typeof entry.value !== "number") continue;
      let list = samples.get(name);
      if (!list) {
        list = [];
        samples.set(name, list);
      }
      list.push({ labels: normalize(entry.labels), value: entry.value });
    }
  }
  return { at, up: true, samples };
}
