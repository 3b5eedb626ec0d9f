import { gunzipSync } from "node:zlib";
import { Profile } from "pprof-format";

export function decodePprof(gzipped: Uint8Array): Profile {
  return Profile.decode(gunzipSync(gzipped));
}

export function stringsOf(profile: Profile, indices: readonly (number | bigint)[]): string[] {
  return indices.map((index) => profile.stringTable.strings[Number(index)] ?? "<missing>");
}

/** Samples (first value) whose stack contains a function called `name`; and how many have it as leaf. */
export function samplesIn(profile: Profile, name: string): { cumulative: number; flat: number } {
  const nameIndex = profile.stringTable.strings.indexOf(name);
  const functionIds = new Set(
    profile.function.filter((fn) => Number(fn.name) === nameIndex).map((fn) => Number(fn.id)),
  );
  const locationIds = new Set(
    profile.location
      .filter((location) => location.line.some((line) => functionIds.has(Number(line.functionId))))
      .map((location) => Number(location.id)),
  );
  let cumulative = 0;
  let flat = 0;
  for (const sample of profile.sample) {
    const value = Number(sample.value[0] ?? 0);
    if (sample.locationId.some((id) => locationIds.has(Number(id)))) cumulative += value;
    if (locationIds.has(Number(sample.locationId[0]))) flat += value;
  }
  return { cumulative, flat };
}
