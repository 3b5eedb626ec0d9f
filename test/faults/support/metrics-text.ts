/** Sums the samples of `name` in a Prometheus text exposition whose labels contain every `match` pair. */
export function sumOf(exposition: string, name: string, match: Record<string, string> = {}): number {
  let total = 0;
  for (const line of exposition.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labels = line.slice(name.length).match(/^\{([^}]*)\}/)?.[1] ?? "";
    if (!Object.entries(match).every(([key, value]) => labels.includes(`${key}="${value}"`))) continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

export async function scrape(baseUrl: string): Promise<string> {
  return (await fetch(`${baseUrl}/metrics`)).text();
}
