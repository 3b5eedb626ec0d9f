import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { Line, Location, Function as PprofFunction, type Profile, StringTable } from "pprof-format";
import type { CallFrame } from "./cpu-profile.js";
import { describeFrame } from "./frame.js";

const gzipAsync = promisify(gzip);

/** The string, function and location tables of a pprof profile, each entry added once. */
export class PprofTables {
  readonly stringTable = new StringTable();
  readonly functions: PprofFunction[] = [];
  readonly locations: Location[] = [];
  readonly #functionIds = new Map<string, number>();
  readonly #locationIds = new Map<string, number>();

  valueType(type: string, unit: string): { type: number; unit: number } {
    return { type: this.stringTable.dedup(type), unit: this.stringTable.dedup(unit) };
  }

  /** The location id of a V8 call frame (pprof ids start at 1). */
  locationOf(callFrame: CallFrame): number {
    const frame = describeFrame(callFrame);
    const column = callFrame.columnNumber >= 0 ? callFrame.columnNumber + 1 : 0;
    const key = `${frame.name}\0${frame.file}\0${frame.line}\0${column}`;
    const known = this.#locationIds.get(key);
    if (known !== undefined) return known;
    const functionId = this.#functionOf(frame.name, frame.file, frame.line);
    const id = this.locations.length + 1;
    this.locations.push(new Location({ id, line: [new Line({ functionId, line: frame.line, column })] }));
    this.#locationIds.set(key, id);
    return id;
  }

  #functionOf(name: string, file: string, line: number): number {
    const key = `${name}\0${file}\0${line}`;
    const known = this.#functionIds.get(key);
    if (known !== undefined) return known;
    const id = this.functions.length + 1;
    const nameIndex = this.stringTable.dedup(name);
    this.functions.push(
      new PprofFunction({
        id,
        name: nameIndex,
        systemName: nameIndex,
        filename: this.stringTable.dedup(file),
        startLine: line,
      }),
    );
    this.#functionIds.set(key, id);
    return id;
  }
}

/** The gzipped protobuf that `go tool pprof`, Pyroscope and Grafana read. */
export async function encodePprof(profile: Profile): Promise<Buffer> {
  return gzipAsync(await profile.encodeAsync());
}
